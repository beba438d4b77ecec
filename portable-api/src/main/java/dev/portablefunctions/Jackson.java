package dev.portablefunctions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portablefunctions.spi.Json;

/**
 * JSON for function code, configured as every adapter binds a function's input and writes its
 * output: {@code java.time} values as ISO-8601 strings, unknown properties ignored, anything after
 * the first JSON value rejected, records supported.
 *
 * <pre>{@code
 * public final class Orders implements HttpFunction {
 *   private static final ObjectMapper JSON = Jackson.newObjectMapper();
 *
 *   public HttpResponse handle(HttpRequest request, Context context) throws Exception {
 *     Order order = JSON.readValue(request.body(), Order.class);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Each call builds a mapper of its own, yours to configure: build one per class (a mapper is
 * thread-safe once configured and costly to create), not one per call. Reading a request body into
 * your type is usually better left to a {@link TypedFunction}, which also turns malformed input
 * into a 400 that says where it broke.
 */
public final class Jackson {

  private Jackson() {}

  /**
   * Builds a new mapper with the library's configuration.
   *
   * @return the mapper
   */
  public static ObjectMapper newObjectMapper() {
    return Json.configured().build();
  }
}
