package dev.portablefunctions.samples.api;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin resource sharing for browsers on other origins: answers preflight {@code OPTIONS}
 * requests and adds the CORS headers to every response, errors included (a browser hides the body
 * of an error without them). Immutable.
 *
 * <pre>{@code
 * Cors cors = Cors.allowing(Set.of("https://shop.example.com"));
 * }</pre>
 *
 * <p>Handled in the function so it works the same on every cloud; the platforms' own CORS settings
 * (API Gateway, the Azure app, a load balancer) would do it too, but each in its own way, and they
 * must then be left off here.
 */
public final class Cors {

  /** The environment variable with the allowed origins, comma-separated, or {@code *}. */
  public static final String ORIGINS_VARIABLE = "BOOKS_ALLOWED_ORIGINS";

  static final String METHODS = "GET, POST, OPTIONS";
  static final String REQUEST_HEADERS =
      "Content-Type, If-None-Match, traceparent, tracestate, b3, x-request-id";
  static final String EXPOSED_HEADERS = "ETag, Link, Location";
  static final String MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  private Cors(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /**
   * Allows the given origins, such as {@code https://shop.example.com}; {@code *} allows any
   * (without credentials).
   *
   * @param origins the origins
   * @return the policy
   */
  public static Cors allowing(Set<String> origins) {
    return new Cors(
        origins.stream().map(o -> o.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
  }

  /**
   * Allows the origins listed in {@value #ORIGINS_VARIABLE}, any origin if it is unset.
   *
   * @return the policy
   */
  public static Cors fromEnvironment() {
    String value = System.getenv(ORIGINS_VARIABLE);
    return allowing(
        value == null || value.isBlank()
            ? Set.of("*")
            : Arrays.stream(value.split(","))
                .filter(o -> !o.isBlank())
                .collect(Collectors.toSet()));
  }

  /**
   * Answers a preflight request: 204, with what may be sent if its origin is allowed. The origin
   * itself is added by {@link #apply}, as to every response.
   */
  HttpResponse preflight(HttpRequest request) {
    HttpResponse response = HttpResponse.noContent().header("Allow", METHODS);
    if (allowedOrigin(request).isEmpty()
        || request.header("Access-Control-Request-Method").isEmpty()) {
      return response;
    }
    return response
        .header("Access-Control-Allow-Methods", METHODS)
        .header("Access-Control-Allow-Headers", REQUEST_HEADERS)
        .header("Access-Control-Max-Age", MAX_AGE_SECONDS);
  }

  /** Adds the CORS headers to a response, if the request comes from an allowed origin. */
  HttpResponse apply(HttpRequest request, HttpResponse response) {
    HttpResponse varied = origins.contains("*") ? response : response.header("Vary", "Origin");
    return allowedOrigin(request)
        .map(
            origin ->
                varied
                    .header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Expose-Headers", EXPOSED_HEADERS))
        .orElse(varied);
  }

  /** The {@code Access-Control-Allow-Origin} value for a request, if its origin is allowed. */
  private Optional<String> allowedOrigin(HttpRequest request) {
    Optional<String> origin = request.header("Origin");
    if (origin.isEmpty()) {
      return Optional.empty();
    }
    if (origins.contains("*")) {
      return Optional.of("*");
    }
    return origins.contains(origin.get().trim().toLowerCase(Locale.ROOT))
        ? origin
        : Optional.empty();
  }
}
