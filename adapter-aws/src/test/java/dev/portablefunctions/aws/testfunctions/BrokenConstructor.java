package dev.portablefunctions.aws.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** A function whose constructor throws, as one does when its configuration is missing. */
public final class BrokenConstructor implements HttpFunction {

  /** Fails, as a function does when a setting it needs is missing. */
  public BrokenConstructor() {
    throw new IllegalStateException("DATABASE_URL is not set");
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    return HttpResponse.noContent();
  }
}
