package dev.portablefunctions.samples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.util.Base64;

/**
 * Answers with what it received: cloud, method, path, query, every header (lower-case names) and
 * the body in base64.
 */
public final class EchoHttp implements HttpFunction {

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    ObjectNode echo = JsonNodeFactory.instance.objectNode();
    echo.put("cloud", context.cloud().id());
    echo.put("method", request.method());
    echo.put("path", request.path());
    // withArrayProperty, not withArray: Jackson's withArray(String) reads a name that is empty or
    // starts with '/' as a JSON pointer, so "?=v" failed (500) and "?/a=v" nested {"a":[...]}.
    ObjectNode query = echo.putObject("query");
    request
        .queryParameters()
        .forEach((name, values) -> values.forEach(query.withArrayProperty(name)::add));
    ObjectNode headers = echo.putObject("headers");
    request
        .headers()
        .asMap()
        .forEach((name, values) -> values.forEach(headers.withArrayProperty(name)::add));
    echo.put("body", Base64.getEncoder().encodeToString(request.body()));
    return HttpResponse.ok().json(echo);
  }
}
