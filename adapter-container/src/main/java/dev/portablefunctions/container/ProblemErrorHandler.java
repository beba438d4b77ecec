package dev.portablefunctions.container;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every error Jetty raises itself (a malformed request line, header or chunked body,
 * headers too large, a request refused during shutdown, an exception in a handler) with a problem
 * document. Jetty's own handler would print the exception's message, which can quote the request;
 * this one writes a fixed sentence per status, and logs a server failure's cause for the operator.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private static final HttpField CONTENT_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
  private static final HttpField RETRY_AFTER =
      new PreEncodedHttpField(HttpHeader.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
    if (cause instanceof HttpException http) {
      status = http.getCode();
      response.setStatus(status);
    }
    if (status >= 500 && cause != null && !(cause instanceof HttpException)) {
      System.err.println("portable-functions: request failed with " + status + ": " + cause);
    }
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(ERROR_CACHE_CONTROL);
    if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
      headers.put(RETRY_AFTER);
    }
    if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    byte[] body = Problems.json(status);
    headers.put(CONTENT_TYPE);
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
