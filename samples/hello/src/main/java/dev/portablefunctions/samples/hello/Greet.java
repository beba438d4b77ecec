package dev.portablefunctions.samples.hello;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** {@code GET /greet?name=Ada} answers {@code {"message":"Hello, Ada"}}. */
public final class Greet implements HttpFunction {

  /**
   * The answer.
   *
   * @param message the greeting
   */
  public record Greeting(String message) {}

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query("name").orElse("world");
    return HttpResponse.ok().json(new Greeting("Hello, " + name));
  }
}
