package dev.portablefunctions.azure.testfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.Json;

/** Answers with what its context says, and logs one line. */
public final class ContextProbe implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    context.logger().info("probing");
    context.logger().debug("not written at the default threshold");
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("invocationId", context.invocationId());
    json.put("functionName", context.functionName());
    json.put("cloud", context.cloud().id());
    json.put("traceId", context.trace().traceId().orElse(null));
    json.put("deadline", context.deadline().isPresent());
    json.put(
        "azureFunctionName",
        context.unwrap(ExecutionContext.class).map(ExecutionContext::getFunctionName).orElse(null));
    json.put("request", context.unwrap(HttpRequestMessage.class).isPresent());
    return HttpResponse.ok().json(json);
  }
}
