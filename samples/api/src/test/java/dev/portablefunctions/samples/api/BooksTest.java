package dev.portablefunctions.samples.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalInvoker;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BooksTest {

  static final String EFFECTIVE_JAVA =
      "{\"isbn\":\"9780134685991\",\"title\":\"Effective Java\",\"author\":\"Joshua"
          + " Bloch\",\"year\":2018}";
  static final String ORIGIN = "https://shop.example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PricingStub pricing = new PricingStub();
  private final Library library =
      Library.inMemory(PricingClient.of(pricing.uri()), Cors.allowing(Set.of(ORIGIN)));
  private final LocalInvoker invoker = LocalInvoker.of(new Books(library));

  @AfterEach
  void close() {
    invoker.close();
    pricing.close();
  }

  private HttpResponse send(HttpRequest.Builder request) {
    return invoker.http("books", request.build());
  }

  private static HttpRequest.Builder get(String path) {
    int query = path.indexOf('?');
    HttpRequest.Builder request =
        HttpRequest.builder("GET", query < 0 ? path : path.substring(0, query));
    return query < 0 ? request : request.rawQuery(path.substring(query + 1));
  }

  private HttpResponse post(String body) {
    return send(
        HttpRequest.builder("POST", "/books")
            .header("Content-Type", "application/json")
            .body(body));
  }

  private static JsonNode json(HttpResponse response) throws Exception {
    return JSON.readTree(response.bodyAsString());
  }

  private void addBooks(int count) {
    for (int i = 0; i < count; i++) {
      String isbn = isbn(i);
      assertThat(
              post("{\"isbn\":\""
                      + isbn
                      + "\",\"title\":\"Book "
                      + i
                      + "\",\"author\":\"A\",\"year\":2000}")
                  .statusCode())
          .isEqualTo(201);
    }
  }

  /** An ISBN-13 of the 978-0-00 range with a valid check digit. */
  static String isbn(int n) {
    String twelve = String.format("978000%06d", n);
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return twelve + (10 - sum % 10) % 10;
  }

  @Test
  void createsABookAndReadsItBack() throws Exception {
    HttpResponse created = post(EFFECTIVE_JAVA);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().first("Location")).contains("books/9780134685991");
    HttpResponse read = send(get("/books/9780134685991"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().first("Content-Type")).contains("application/json");
    assertThat(json(read)).isEqualTo(JSON.readTree(EFFECTIVE_JAVA));
  }

  @Nested
  class ContentNegotiation {

    @Test
    void answersCsvWhenAskedFor() {
      post(EFFECTIVE_JAVA);

      HttpResponse csv = send(get("/books/9780134685991").header("Accept", "text/csv"));

      assertThat(csv.headers().first("Content-Type"))
          .contains("text/csv; charset=utf-8; header=present");
      assertThat(csv.bodyAsString())
          .isEqualTo(
              "isbn,title,author,year\r\n9780134685991,Effective Java,Joshua Bloch,2018\r\n");
    }

    @Test
    void weighsQualitiesAndWildcards() {
      post(EFFECTIVE_JAVA);

      assertThat(type("text/csv;q=0.5, application/json;q=0.9")).startsWith("application/json");
      assertThat(type("text/*")).startsWith("text/csv");
      assertThat(type("application/json;q=0, */*")).startsWith("text/csv");
      assertThat(type("*/*")).startsWith("application/json");
    }

    private String type(String accept) {
      return send(get("/books/9780134685991").header("Accept", accept))
          .headers()
          .first("Content-Type")
          .orElseThrow();
    }

    @Test
    void aClientThatAcceptsNeitherGetsA406Problem() throws Exception {
      HttpResponse response = send(get("/books").header("Accept", "application/xml"));

      assertThat(response.statusCode()).isEqualTo(406);
      assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
      assertThat(json(response).path("detail").asText()).contains("application/json, text/csv");
      assertThat(json(response).path("invocationId").asText()).isNotEmpty();
    }

    @Test
    void csvDefusesFormulasAndQuotesCommas() {
      post(
          "{\"isbn\":\"9780134685991\",\"title\":\"=HYPERLINK(\\\"x\\\")\",\"author\":\"Bloch,"
              + " Joshua\",\"year\":2018}");

      assertThat(send(get("/books/9780134685991").header("Accept", "text/csv")).bodyAsString())
          .endsWith("9780134685991,\"'=HYPERLINK(\"\"x\"\")\",\"Bloch, Joshua\",2018\r\n");
    }
  }

  @Nested
  class Errors {

    @Test
    void anInvalidBookIsA422ProblemThatListsEveryField() throws Exception {
      HttpResponse response =
          post("{\"isbn\":\"9780134685990\",\"title\":\" \",\"author\":\"A\",\"year\":1200}");

      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(response.headers().first("Content-Type")).contains("application/problem+json");
      JsonNode problem = json(response);
      assertThat(problem.path("title").asText()).isEqualTo("Unprocessable Content");
      assertThat(problem.path("status").asInt()).isEqualTo(422);
      assertThat(problem.path("detail").asText())
          .contains("isbn: an ISBN-13", "title: 1 to 200 characters", "year: 1450 to")
          .doesNotContain("author");
    }

    @Test
    void malformedJsonIsA400AndAnotherMediaTypeA415() {
      assertThat(post("{\"isbn\":").statusCode()).isEqualTo(400);
      assertThat(
              send(HttpRequest.builder("POST", "/books")
                      .header("Content-Type", "text/plain")
                      .body("x"))
                  .statusCode())
          .isEqualTo(415);
    }

    @Test
    void aSecondBookWithTheSameIsbnIsAConflict() {
      post(EFFECTIVE_JAVA);

      assertThat(post(EFFECTIVE_JAVA).statusCode()).isEqualTo(409);
    }

    @Test
    void unknownPathsAndBooksAreNotFoundAndOtherMethodsSayWhatIsAllowed() {
      assertThat(send(get("/authors")).statusCode()).isEqualTo(404);
      assertThat(send(get("/books/9780134685991")).statusCode()).isEqualTo(404);
      assertThat(send(get("/books/9780134685991/reviews")).statusCode()).isEqualTo(404);

      HttpResponse delete = send(HttpRequest.builder("DELETE", "/books/9780134685991"));
      assertThat(delete.statusCode()).isEqualTo(405);
      assertThat(delete.headers().first("Allow")).contains("GET, OPTIONS");
    }
  }

  @Nested
  class ConditionalRequests {

    @Test
    void aMatchingIfNoneMatchIsA304WithoutBody() {
      post(EFFECTIVE_JAVA);
      HttpResponse first = send(get("/books/9780134685991"));
      String etag = first.headers().first("ETag").orElseThrow();

      HttpResponse again = send(get("/books/9780134685991").header("If-None-Match", etag));

      assertThat(first.headers().first("Cache-Control")).contains("no-cache");
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().first("ETag")).contains(etag);
      assertThat(
              send(get("/books/9780134685991").header("If-None-Match", "W/" + etag)).statusCode())
          .isEqualTo(304);
      assertThat(
              send(get("/books/9780134685991").header("If-None-Match", "\"other\", " + etag))
                  .statusCode())
          .isEqualTo(304);
      assertThat(send(get("/books/9780134685991").header("If-None-Match", "*")).statusCode())
          .isEqualTo(304);
    }

    @Test
    void eachRepresentationAndEachVersionHasItsOwnTag() {
      addBooks(1);
      String json = send(get("/books")).headers().first("ETag").orElseThrow();
      String csv =
          send(get("/books").header("Accept", "text/csv")).headers().first("ETag").orElseThrow();
      post(EFFECTIVE_JAVA);
      HttpResponse changed = send(get("/books").header("If-None-Match", json));

      assertThat(csv).isNotEqualTo(json);
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.headers().all("Vary")).contains("Accept");
    }
  }

  @Nested
  class Pagination {

    @Test
    void pagesFollowTheLinkHeaderToTheEnd() throws Exception {
      addBooks(5);

      HttpResponse first = send(get("/books?limit=2"));
      String link = first.headers().first("Link").orElseThrow();
      assertThat(link).matches("<\\?limit=2&cursor=[A-Za-z0-9_-]+>; rel=\"next\"");
      assertThat(json(first).path("items")).hasSize(2);
      String next = link.substring(2, link.indexOf('>'));

      HttpResponse second = send(get("/books?" + next));
      HttpResponse third =
          send(get("/books?cursor=" + json(second).path("next").asText() + "&limit=2"));

      assertThat(json(second).path("items").get(0).path("isbn").asText()).isEqualTo(isbn(2));
      assertThat(json(third).path("items")).hasSize(1);
      assertThat(json(third).has("next")).isFalse();
      assertThat(third.headers().first("Link")).isEmpty();
    }

    @Test
    void aForgedCursorOrABadLimitIsABadRequest() {
      assertThat(send(get("/books?cursor=bm90LWEtY3Vyc29y")).statusCode()).isEqualTo(400);
      assertThat(send(get("/books?cursor=%%%")).statusCode()).isEqualTo(400);
      assertThat(send(get("/books?limit=0")).statusCode()).isEqualTo(400);
      assertThat(send(get("/books?limit=many")).statusCode()).isEqualTo(400);
    }
  }

  @Nested
  class CrossOrigin {

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
      HttpResponse response =
          send(
              HttpRequest.builder("OPTIONS", "/books")
                  .header("Origin", ORIGIN)
                  .header("Access-Control-Request-Method", "POST")
                  .header("Access-Control-Request-Headers", "content-type, traceparent"));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().all("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
      assertThat(response.headers().first("Access-Control-Allow-Methods"))
          .contains("GET, POST, OPTIONS");
      assertThat(response.headers().first("Access-Control-Allow-Headers").orElseThrow())
          .contains("Content-Type", "traceparent");
      assertThat(response.headers().first("Access-Control-Max-Age")).contains("600");
      assertThat(response.headers().all("Vary")).contains("Origin");
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
      HttpResponse response =
          send(
              HttpRequest.builder("OPTIONS", "/books")
                  .header("Origin", "https://evil.example")
                  .header("Access-Control-Request-Method", "POST"));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().contains("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void answersAndErrorsCarryTheCorsHeaders() {
      post(EFFECTIVE_JAVA);

      HttpResponse found = send(get("/books/9780134685991").header("Origin", ORIGIN));
      HttpResponse missing = send(get("/books/9780306406157").header("Origin", ORIGIN));

      assertThat(found.headers().first("Access-Control-Allow-Origin")).contains(ORIGIN);
      assertThat(found.headers().first("Access-Control-Expose-Headers"))
          .contains("ETag, Link, Location");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().first("Access-Control-Allow-Origin")).contains(ORIGIN);
    }
  }

  @Nested
  class OutboundCalls {

    @Test
    void theCallToThePricingServiceCarriesTheTraceInEveryFormat() throws Exception {
      post(EFFECTIVE_JAVA);

      HttpResponse response =
          send(
              get("/books/9780134685991/price")
                  .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                  .header("tracestate", "congo=t61rcWkgMzE")
                  .header("x-request-id", "7f2c1a9e-istio"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response))
          .isEqualTo(
              JSON.readTree("{\"isbn\":\"9780134685991\",\"amount\":12.99,\"currency\":\"EUR\"}"));
      PricingStub.Received call = pricing.received().get(0);
      assertThat(call.path()).isEqualTo("/pricing/prices/9780134685991");
      assertThat(call.headers().getFirst("traceparent"))
          .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      assertThat(call.headers().getFirst("tracestate")).isEqualTo("congo=t61rcWkgMzE");
      assertThat(call.headers().getFirst("b3"))
          .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1");
      assertThat(call.headers().getFirst("X-B3-TraceId"))
          .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(call.headers().getFirst("X-B3-SpanId")).isEqualTo("00f067aa0ba902b7");
      assertThat(call.headers().getFirst("X-B3-Sampled")).isEqualTo("1");
      assertThat(call.headers().getFirst("x-request-id")).isEqualTo("7f2c1a9e-istio");
    }

    @Test
    void aB3TraceFromTheMeshBecomesATraceparentToo() {
      post(EFFECTIVE_JAVA);

      send(
          get("/books/9780134685991/price")
              .header("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7")
              .header("X-B3-SpanId", "e457b5a2e4d86bd1")
              .header("X-B3-Sampled", "1"));

      PricingStub.Received call = pricing.received().get(0);
      assertThat(call.headers().getFirst("traceparent"))
          .isEqualTo("00-80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-01");
      assertThat(call.headers().getFirst("X-B3-TraceId"))
          .isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    }

    @Test
    void theServicesFailuresBecomeProblemsTheClientCanActOn() throws Exception {
      post(EFFECTIVE_JAVA);

      pricing.answer(404, "{}");
      assertThat(send(get("/books/9780134685991/price")).statusCode()).isEqualTo(404);
      pricing.answer(500, "{\"error\":\"internal detail\"}");
      HttpResponse failed = send(get("/books/9780134685991/price").header("Origin", ORIGIN));
      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(json(failed).path("detail").asText())
          .isEqualTo("The pricing service answered with status 500.");
      assertThat(failed.headers().first("Access-Control-Allow-Origin")).contains(ORIGIN);
      pricing.answer(200, "<html>");
      assertThat(send(get("/books/9780134685991/price")).statusCode()).isEqualTo(503);
    }

    @Test
    void withoutAPricingServiceThePriceIsUnavailableAndSaysWhatToSet() throws Exception {
      Library unpriced =
          new Library(library.books(), PricingClient.fromEnvironment(), library.cors());
      post(EFFECTIVE_JAVA);
      try (LocalInvoker books = LocalInvoker.of(new Books(unpriced))) {
        HttpResponse response = books.http("books", get("/books/9780134685991/price").build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("detail").asText()).contains(PricingClient.URL_VARIABLE);
      }
    }
  }
}
