package dev.portablefunctions.aws.testfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.spi.Json;

/** Answers with what its {@link Context} says, and logs one line at each level. */
public final class ContextProbe implements HttpFunction {

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    context.logger().debug("probe debug");
    context.logger().info("probe info");
    context.logger().warn("probe warn");
    ObjectNode probe = Json.mapper().createObjectNode();
    probe.put("invocationId", context.invocationId());
    probe.put("functionName", context.functionName());
    probe.put("cloud", context.cloud().id());
    probe.put("remainingMillis", context.remainingTime().map(d -> d.toMillis()).orElse(-1L));
    probe.put("traceId", context.trace().traceId().orElse(null));
    probe.put("xray", context.trace().xRayHeader().orElse(null));
    probe.put(
        "lambdaArn",
        context
            .unwrap(com.amazonaws.services.lambda.runtime.Context.class)
            .map(com.amazonaws.services.lambda.runtime.Context::getInvokedFunctionArn)
            .orElse(null));
    probe.put(
        "eventRouteKey",
        context
            .unwrap(JsonNode.class)
            .map(event -> event.path("routeKey").asText(null))
            .orElse(null));
    return HttpResponse.ok().json(probe);
  }
}
