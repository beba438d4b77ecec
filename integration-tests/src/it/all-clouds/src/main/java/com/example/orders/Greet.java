package com.example.orders;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** Greets by name. */
public final class Greet implements HttpFunction {

  record Greeting(String message, String cloud) {}

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query("name").orElse("world");
    return HttpResponse.ok().json(new Greeting("Hello, " + name, context.cloud().toString()));
  }
}
