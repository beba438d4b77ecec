package dev.portablefunctions.samples.api;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problem responses ({@code application/problem+json}, RFC 9457) in the shape the library writes
 * for a thrown {@link FunctionException}: {@code type}, {@code title}, {@code status}, {@code
 * detail}, {@code invocationId}. {@link Books} writes them itself so that they can carry headers
 * (CORS, {@code Allow}) and statuses that have no {@link FunctionException.Kind} (406).
 */
final class Problems {

  private Problems() {}

  /** The response for a failure, logged as the library logs it: a 4xx at WARN, a 5xx at ERROR. */
  static HttpResponse of(FunctionException failure, Context context) {
    FunctionException.Kind kind = failure.kind();
    if (kind.httpStatus() < 500) {
      context.logger().warn(kind.httpStatus() + " " + kind.title() + ": " + failure.detail());
    } else {
      context
          .logger()
          .error(kind.httpStatus() + " " + kind.title() + ": " + failure.detail(), failure);
    }
    return of(kind.httpStatus(), kind.title(), failure.detail(), context);
  }

  /** A problem response of any status. */
  static HttpResponse of(int status, String title, String detail, Context context) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("invocationId", context.invocationId());
    HttpResponse json = HttpResponse.status(status).json(problem);
    return json.body(json.body(), "application/problem+json");
  }
}
