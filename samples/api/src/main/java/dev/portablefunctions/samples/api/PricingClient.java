package dev.portablefunctions.samples.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the pricing service, {@code GET <base>/prices/<isbn>} answering {@code
 * {"amount":"12.99","currency":"EUR"}}, with the invocation's trace headers ({@link
 * TracePropagation}). One {@link HttpClient} per process, so connections are reused across
 * invocations. Thread-safe.
 *
 * <p>Each call waits at most {@value #MAX_WAIT_MILLIS} ms, less when the invocation has less time
 * left. Failures become {@link FunctionException}s the caller can act on: 404 for a book without a
 * price, 504 when the service is too slow, 503 when it is unreachable or answers with an error.
 */
public final class PricingClient {

  /**
   * The environment variable with the pricing service's base URL, such as {@code
   * http://pricing:8080/}.
   */
  public static final String URL_VARIABLE = "PRICING_URL";

  static final long MAX_WAIT_MILLIS = 2_000;
  private static final Duration MARGIN = Duration.ofMillis(250);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What the service answers. */
  private record Answer(BigDecimal amount, String currency) {}

  private final URI base;
  private final HttpClient http;

  private PricingClient(URI base) {
    this.base = base;
    this.http =
        base == null
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofMillis(MAX_WAIT_MILLIS)).build();
  }

  /**
   * Returns a client of the service at a base URL.
   *
   * @param base the base URL; a path without a trailing slash gets one
   * @return the client
   */
  public static PricingClient of(URI base) {
    String text = base.toString();
    return new PricingClient(URI.create(text.endsWith("/") ? text : text + "/"));
  }

  /**
   * Returns a client of the service at {@value #URL_VARIABLE}; without it, a client whose every
   * call is a 503 that says what to set.
   *
   * @return the client
   * @throws IllegalStateException if the variable is not an absolute http(s) URL
   */
  public static PricingClient fromEnvironment() {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return new PricingClient(null);
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL_VARIABLE + " is not a URL", e);
    }
    if (!uri.isAbsolute() || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalStateException(URL_VARIABLE + " must be an absolute http or https URL");
    }
    return of(uri);
  }

  /**
   * Asks for a book's price.
   *
   * @param isbn the book's ISBN (13 digits)
   * @param context the invocation, whose trace the call carries and whose deadline it respects
   * @return the price
   * @throws FunctionException 404, 503 or 504 as the class documentation says
   * @throws InterruptedException if the invocation is interrupted (its timeout)
   */
  public Price price(String isbn, Context context) throws InterruptedException {
    if (base == null) {
      throw FunctionException.unavailable(
          "Prices are not available: set " + URL_VARIABLE + " to the pricing service's URL.");
    }
    HttpRequest.Builder call =
        HttpRequest.newBuilder(base.resolve("prices/" + isbn))
            .timeout(timeout(context.remainingTime()))
            .header("Accept", "application/json");
    TracePropagation.headers(context.trace()).forEach(call::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException slow) {
      throw FunctionException.of(
          FunctionException.Kind.TIMEOUT, "The pricing service did not answer in time.", slow);
    } catch (IOException unreachable) {
      throw FunctionException.of(
          FunctionException.Kind.UNAVAILABLE,
          "The pricing service cannot be reached.",
          unreachable);
    }
    if (response.statusCode() == 404) {
      throw FunctionException.notFound("The pricing service has no price for this book.");
    }
    if (response.statusCode() != 200) {
      throw FunctionException.unavailable(
          "The pricing service answered with status " + response.statusCode() + ".");
    }
    Answer answer;
    try {
      answer = JSON.readValue(response.body(), Answer.class);
    } catch (IOException malformed) {
      throw FunctionException.of(
          FunctionException.Kind.UNAVAILABLE,
          "The pricing service answered with something that is not a price.",
          malformed);
    }
    if (answer == null || answer.amount() == null || answer.currency() == null) {
      throw FunctionException.unavailable(
          "The pricing service answered without amount or currency.");
    }
    context.logger().debug("Priced " + isbn + " by the pricing service");
    return new Price(isbn, answer.amount(), answer.currency());
  }

  private static Duration timeout(Optional<Duration> remaining) {
    Duration max = Duration.ofMillis(MAX_WAIT_MILLIS);
    if (remaining.isEmpty()) {
      return max;
    }
    Duration left = remaining.get().minus(MARGIN);
    Duration floor = Duration.ofMillis(100);
    return left.compareTo(max) > 0 ? max : left.compareTo(floor) < 0 ? floor : left;
  }
}
