package dev.portablefunctions.aws.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/**
 * An HTTP function that throws: {@code /orders/7} a not-found {@link FunctionException}, any other
 * path an unexpected exception whose message must never reach the caller.
 */
public final class FailingHttp implements HttpFunction {

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    if (request.path().equals("/orders/7")) {
      throw FunctionException.notFound("There is no order 7.");
    }
    throw new IllegalStateException("database password is hunter2");
  }
}
