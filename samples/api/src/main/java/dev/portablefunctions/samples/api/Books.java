package dev.portablefunctions.samples.api;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /books} resource, one HTTP function that routes by method and path:
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /books?limit=<1-100>&cursor=<c>}</td><td>a page of books in ISBN order
 *       (20 unless {@code limit} says), {@code Link: <?limit=..&cursor=..>; rel="next"} while
 *       there are more</td></tr>
 *   <tr><td>{@code POST /books} with a JSON {@link Book}</td><td>201, {@code Location:
 *       books/<isbn>}; 422 listing what is invalid; 409 if the ISBN exists; 415 for a body that
 *       is not JSON</td></tr>
 *   <tr><td>{@code GET /books/<isbn>}</td><td>the book; 404 if there is none</td></tr>
 *   <tr><td>{@code GET /books/<isbn>/price}</td><td>its price, from the pricing service, called
 *       with the trace headers of this request</td></tr>
 *   <tr><td>{@code OPTIONS} any path</td><td>the CORS preflight answer</td></tr>
 * </table>
 *
 * <p>Every answer:
 *
 * <ul>
 *   <li>is JSON or CSV as the {@code Accept} header asks ({@code application/json}, {@code
 *       text/csv}); a client that accepts neither gets a 406;
 *   <li>carries the CORS headers for an allowed {@code Origin}, errors included;
 *   <li>is a problem ({@code application/problem+json}) when it is an error;
 *   <li>for a {@code GET}, has an {@code ETag} and {@code Cache-Control: no-cache}: a request whose
 *       {@code If-None-Match} names the current tag gets a bodiless 304.
 * </ul>
 *
 * <p>{@code path()} is the same on every cloud (the path the client sent, less the platform's
 * mount), so {@code Location} and {@code Link} are relative references, right wherever the function
 * is mounted.
 */
public final class Books implements HttpFunction {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final Library library;

  /**
   * Creates the function on the {@linkplain Library#defaults() default library}; adapters call
   * this.
   */
  public Books() {
    this(Library.defaults());
  }

  /**
   * Creates the function on a given library.
   *
   * @param library the store, pricing service and CORS policy to use
   */
  public Books(Library library) {
    this.library = library;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) throws Exception {
    HttpResponse response;
    try {
      response = route(request, context);
    } catch (FunctionException failure) {
      response = Problems.of(failure, context);
    }
    return library.cors().apply(request, response);
  }

  private HttpResponse route(HttpRequest request, Context context) throws Exception {
    if (request.method().equals("OPTIONS")) {
      return library.cors().preflight(request);
    }
    List<String> path = Arrays.stream(request.path().split("/")).filter(s -> !s.isEmpty()).toList();
    boolean known =
        !path.isEmpty()
            && path.get(0).equals("books")
            && (path.size() <= 2 || (path.size() == 3 && path.get(2).equals("price")));
    if (!known) {
      throw FunctionException.notFound("There is nothing at this path; the books are at /books.");
    }
    boolean collection = path.size() == 1;
    boolean allowed =
        request.method().equals("GET") || (collection && request.method().equals("POST"));
    if (!allowed) {
      String methods = collection ? "GET, POST, OPTIONS" : "GET, OPTIONS";
      return Problems.of(405, "Method Not Allowed", "This path takes " + methods + ".", context)
          .header("Allow", methods);
    }
    Optional<Representation> representation =
        Representation.negotiate(request.headers().all("Accept"));
    if (representation.isEmpty()) {
      return Problems.of(
          406,
          "Not Acceptable",
          "This API answers with " + Representation.offered() + ".",
          context);
    }
    Representation as = representation.get();
    if (request.method().equals("POST")) {
      return create(request, as, context);
    }
    HttpResponse found =
        switch (path.size()) {
          case 1 -> list(request, as);
          case 2 -> get(path.get(1), as);
          default -> price(path.get(1), as, context);
        };
    return conditional(request, found);
  }

  private HttpResponse list(HttpRequest request, Representation as) throws Exception {
    int limit = limit(request.query("limit"));
    String after = request.query("cursor").map(Cursor::isbnOf).orElse("");
    List<Book> books = library.books().list(after, limit + 1);
    boolean more = books.size() > limit;
    List<Book> page = more ? books.subList(0, limit) : books;
    Optional<String> next =
        more ? Optional.of(Cursor.after(page.get(page.size() - 1).isbn())) : Optional.empty();
    HttpResponse response =
        switch (as) {
          case JSON -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("items", page);
            next.ifPresent(cursor -> json.put("next", cursor));
            yield HttpResponse.ok().json(json);
          }
          case CSV -> csv(HttpResponse.ok(), booksCsv(page));
        };
    if (next.isPresent()) {
      response =
          response.header("Link", "<?limit=" + limit + "&cursor=" + next.get() + ">; rel=\"next\"");
    }
    return response;
  }

  private HttpResponse get(String isbn, Representation as) throws Exception {
    Book book =
        library
            .books()
            .find(isbn)
            .orElseThrow(() -> FunctionException.notFound("There is no book with this ISBN."));
    return switch (as) {
      case JSON -> HttpResponse.ok().json(book);
      case CSV -> csv(HttpResponse.ok(), booksCsv(List.of(book)));
    };
  }

  private HttpResponse price(String isbn, Representation as, Context context) throws Exception {
    if (library.books().find(isbn).isEmpty()) {
      throw FunctionException.notFound("There is no book with this ISBN.");
    }
    Price price = library.pricing().price(isbn, context);
    return switch (as) {
      case JSON -> HttpResponse.ok().json(price);
      case CSV ->
          csv(
              HttpResponse.ok(),
              new Csv("isbn", "amount", "currency")
                  .row(price.isbn(), price.amount(), price.currency()));
    };
  }

  private HttpResponse create(HttpRequest request, Representation as, Context context)
      throws Exception {
    String contentType = request.contentType().orElse("");
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw FunctionException.of(
          FunctionException.Kind.UNSUPPORTED_MEDIA_TYPE, "Send the book as application/json.");
    }
    Book book = request.bodyAs(Book.class);
    if (book == null) {
      throw FunctionException.badInput("The body is the JSON null; send a book object.");
    }
    List<String> problems = book.problems();
    if (!problems.isEmpty()) {
      throw FunctionException.unprocessable(
          "The book is not valid: " + String.join("; ", problems));
    }
    Book stored = new Book(book.isbn(), book.title().strip(), book.author().strip(), book.year());
    if (!library.books().add(stored)) {
      throw FunctionException.conflict("A book with this ISBN exists.");
    }
    context.logger().info("Book " + stored.isbn() + " added");
    HttpResponse created = HttpResponse.status(201).header("Location", "books/" + stored.isbn());
    return switch (as) {
      case JSON -> created.json(stored);
      case CSV -> csv(created, booksCsv(List.of(stored)));
    };
  }

  /** Adds the validators of a GET answer, and answers 304 if the client has this version. */
  private static HttpResponse conditional(HttpRequest request, HttpResponse response) {
    String etag = ETags.of(response.body());
    if (ETags.matches(request.headers().all("If-None-Match"), etag)) {
      HttpResponse notModified = HttpResponse.status(304);
      for (String link : response.headers().all("Link")) {
        notModified = notModified.header("Link", link);
      }
      return cacheHeaders(notModified, etag);
    }
    return cacheHeaders(response, etag);
  }

  private static HttpResponse cacheHeaders(HttpResponse response, String etag) {
    return response
        .header("ETag", etag)
        .header("Cache-Control", "no-cache")
        .header("Vary", "Accept");
  }

  private static Csv booksCsv(List<Book> books) {
    return new Csv("isbn", "title", "author", "year")
        .rows(books, book -> new Object[] {book.isbn(), book.title(), book.author(), book.year()});
  }

  private static HttpResponse csv(HttpResponse response, Csv csv) {
    return response.body(
        csv.toString().getBytes(StandardCharsets.UTF_8), Representation.CSV.contentType());
  }

  private static int limit(Optional<String> value) {
    if (value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw FunctionException.badInput("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }
}
