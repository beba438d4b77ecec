package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** Fails with a message that must never reach the caller. */
public final class Boom implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    throw new IllegalStateException("database password is hunter2");
  }
}
