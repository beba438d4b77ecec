package dev.portablefunctions;

import dev.portablefunctions.internal.Bodies;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable HTTP request, as every adapter hands it to an {@link HttpFunction}.
 *
 * <ul>
 *   <li>{@link #method()} is upper case;
 *   <li>{@link #path()} is the decoded path and starts with {@code /};
 *   <li>query parameters are decoded, case-sensitive and multi-valued, in order of arrival;
 *   <li>{@link #headers()} are multi-valued and case-insensitive;
 *   <li>the body is raw bytes (empty when there is none), already base64-decoded where the provider
 *       encodes it.
 * </ul>
 *
 * <pre>{@code
 * HttpRequest request = HttpRequest.builder("POST", "/orders")
 *     .query("dryRun", "true")
 *     .header("Content-Type", "application/json")
 *     .body("{\"sku\":\"A1\"}")
 *     .build();
 * Order order = request.bodyAs(Order.class);
 * }</pre>
 */
public final class HttpRequest {

  /** The body of a request without one: never handed out, since {@link #body()} copies. */
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final String path;
  private final Map<String, List<String>> queryParameters;
  private final Headers headers;
  private final byte[] body;

  private HttpRequest(Builder builder) {
    this.method = builder.method;
    this.path = builder.path;
    this.queryParameters = builder.builtQuery();
    this.headers = builder.headers.build();
    this.body = builder.body;
  }

  /**
   * Starts a request.
   *
   * @param method the method, in any case (stored upper case); must not be blank
   * @param path the decoded path; must start with {@code /}
   * @return a builder
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /**
   * Returns the method in upper case, such as {@code GET} or {@code POST}.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the decoded path, starting with {@code /} and without the query string.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter name (case-sensitive)
   * @return the first value, or empty if absent
   */
  public Optional<String> query(String name) {
    List<String> values = queryParameters.get(Objects.requireNonNull(name, "name"));
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns every query parameter: an unmodifiable map from name to its non-empty list of values.
   *
   * @return the parameters; empty if there are none
   */
  public Map<String, List<String>> queryParameters() {
    return queryParameters;
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty if absent
   */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  /**
   * Returns all headers.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the {@code Content-Type} header.
   *
   * @return the content type, or empty if absent
   */
  public Optional<String> contentType() {
    return headers.first("content-type");
  }

  /**
   * Returns a copy of the body.
   *
   * @return the body bytes; empty if there is no body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body's length in bytes.
   *
   * @return the length
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Returns the body as a stream, without copying it.
   *
   * @return a new stream over the body
   */
  public InputStream bodyStream() {
    return new ByteArrayInputStream(body);
  }

  /**
   * Returns the body as text, in the charset of the {@code Content-Type} header or UTF-8.
   *
   * @return the text; empty if there is no body
   */
  public String bodyAsString() {
    return new String(body, Bodies.charset(contentType()));
  }

  /**
   * Binds the JSON body to a type with the library's shared {@code ObjectMapper}.
   *
   * @param type the type to bind to
   * @param <T> the type
   * @return the bound value; null only if the body is the JSON {@code null}
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the body is empty
   *     or not valid JSON for {@code type}, with a detail that says where; thrown out of a
   *     function, it answers the caller with a 400
   */
  public <T> T bodyAs(Class<T> type) {
    return Bodies.bindJson(body, type, "request body");
  }

  /**
   * Returns a builder that starts from this request, for tests and middleware.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(method, path);
    if (queryParameters instanceof Headers.NameMap map) {
      builder.queryNames = map.names;
      builder.queryLists = map.lists;
      builder.querySize = map.size;
      builder.queryShared = true;
      builder.builtQuery = map;
    }
    builder.headers = headers.toBuilder();
    builder.body = body;
    return builder;
  }

  /** Returns the method and path; never the headers' values or the body. */
  @Override
  public String toString() {
    return method + " " + path;
  }

  /** Builds an {@link HttpRequest}. Not thread-safe. */
  public static final class Builder {

    private final String method;
    private final String path;

    /**
     * Parameter names in order of first arrival, and their values: a single value as an immutable
     * {@code List.of}, several as an {@link ArrayList} this builder owns. Once built, the arrays
     * are a request's ({@link Headers.NameMap}), with immutable lists, and copied before any change
     * ({@link #queryShared}). Null while empty.
     */
    private String[] queryNames;

    private List<String>[] queryLists;
    private int querySize;
    private boolean queryShared;

    /** The query built last, while nothing has changed since; null after a change. */
    private Map<String, List<String>> builtQuery = Map.of();

    private Headers.Builder headers = Headers.builder();
    private byte[] body = NO_BODY;

    private Builder(String method, String path) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      if (method.isBlank()) {
        throw new IllegalArgumentException("method must not be blank");
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = path;
    }

    /**
     * Adds a value to a query parameter.
     *
     * @param name the decoded name
     * @param value the decoded value
     * @return this builder
     */
    public Builder query(String name, String value) {
      Objects.requireNonNull(name, "name");
      if (value == null) { // not requireNonNull with a message supplier: that is a lambda per call
        throw new NullPointerException("value of query parameter " + name);
      }
      int at = queryNames == null ? -1 : Headers.NameMap.indexOf(queryNames, querySize, name);
      writableQuery(at < 0 ? 1 : 0);
      if (at < 0) {
        queryNames[querySize] = name;
        queryLists[querySize] = List.of(value);
        querySize++;
        return this;
      }
      List<String> values = queryLists[at];
      if (values instanceof ArrayList) {
        values.add(value);
      } else {
        List<String> more = new ArrayList<>(values.size() + 2);
        more.addAll(values);
        more.add(value);
        queryLists[at] = more;
      }
      return this;
    }

    /** Makes room for {@code room} more names in arrays of this builder's own. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writableQuery(int room) {
      if (queryNames == null) {
        queryNames = new String[Math.max(4, room)];
        queryLists = new List[queryNames.length];
      } else if (queryShared || querySize + room > queryNames.length) {
        int capacity =
            querySize + room > queryNames.length
                ? Math.max(querySize + room, queryNames.length * 2)
                : queryNames.length;
        queryNames = Arrays.copyOf(queryNames, capacity);
        queryLists = Arrays.copyOf(queryLists, capacity);
      }
      queryShared = false;
      builtQuery = null;
    }

    /** The query as the request keeps it, shared with this builder until it changes. */
    private Map<String, List<String>> builtQuery() {
      if (builtQuery == null) {
        for (int i = 0; i < querySize; i++) {
          if (queryLists[i] instanceof ArrayList) {
            queryLists[i] = List.copyOf(queryLists[i]);
          }
        }
        builtQuery =
            querySize == 0 ? Map.of() : new Headers.NameMap(queryNames, queryLists, querySize);
        queryShared = true;
      }
      return builtQuery;
    }

    /**
     * Adds every parameter of a raw, URL-encoded query string such as {@code a=1&b=x%20y&a=2}
     * ({@code +} decodes to a space; a name without {@code =} gets the empty value).
     *
     * @param rawQuery the query string without the leading {@code ?}; may be empty
     * @return this builder
     */
    public Builder rawQuery(String rawQuery) {
      Objects.requireNonNull(rawQuery, "rawQuery");
      int start = 0;
      while (start <= rawQuery.length()) {
        int end = rawQuery.indexOf('&', start);
        if (end < 0) {
          end = rawQuery.length();
        }
        if (end > start) {
          int eq = start;
          while (eq < end && rawQuery.charAt(eq) != '=') {
            eq++;
          }
          if (eq == end) {
            query(decode(rawQuery.substring(start, end)), "");
          } else {
            query(decode(rawQuery.substring(start, eq)), decode(rawQuery.substring(eq + 1, end)));
          }
        }
        start = end + 1;
      }
      return this;
    }

    private static String decode(String text) {
      if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
        return text; // what URLDecoder returns, without its buffer
      }
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return text; // a stray '%' is kept as sent rather than failing the request
      }
    }

    /**
     * Adds a header value.
     *
     * @param name the name, in any case
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /**
     * Adds all of the given headers.
     *
     * @param more the headers to add
     * @return this builder
     */
    public Builder headers(Headers more) {
      Objects.requireNonNull(more, "headers");
      headers.addAll(more);
      return this;
    }

    /**
     * Sets the body to a copy of the given bytes.
     *
     * @param bytes the body
     * @return this builder
     */
    public Builder body(byte[] bytes) {
      this.body = Objects.requireNonNull(bytes, "body").clone();
      return this;
    }

    /** Sets the body to this array itself, which the caller gives up (see SharedBodies). */
    void ownBody(byte[] bytes) {
      this.body = bytes;
    }

    /**
     * Sets the body to text in UTF-8.
     *
     * @param text the body
     * @return this builder
     */
    public Builder body(String text) {
      this.body = Objects.requireNonNull(text, "body").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
