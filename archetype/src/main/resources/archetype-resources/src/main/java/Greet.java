package ${package};

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** {@code GET /greet?name=Ada} answers {@code {"message":"Hello, Ada"}}. */
public final class Greet implements HttpFunction {

  /** The answer, written as JSON. */
  record Greeting(String message) {}

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query("name").orElse("world");
    return HttpResponse.ok().json(new Greeting("Hello, " + name));
  }
}
