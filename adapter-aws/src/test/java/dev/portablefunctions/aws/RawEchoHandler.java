package dev.portablefunctions.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline for the cold-start harness: a plain {@code RequestStreamHandler}, written the way a
 * careful developer would without this library, that echoes an API Gateway HTTP API (payload 2.0)
 * request exactly as {@code echo-http} does through {@link LambdaHandler} (same JSON, same v2
 * response), with one Jackson {@link ObjectMapper}.
 */
public final class RawEchoHandler implements RequestStreamHandler {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = MAPPER.readTree(input);
    ObjectNode echo = MAPPER.createObjectNode();
    echo.put("cloud", "aws");
    echo.put("method", event.at("/requestContext/http/method").asText());
    echo.put("path", event.path("rawPath").asText("/"));
    ObjectNode query = echo.putObject("query");
    for (String pair : event.path("rawQueryString").asText("").split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.withArray(name).add(value);
      }
    }
    ObjectNode headers = echo.putObject("headers");
    for (Map.Entry<String, JsonNode> header : event.path("headers").properties()) {
      headers.withArray(header.getKey().toLowerCase(Locale.ROOT)).add(header.getValue().asText());
    }
    if (event.path("cookies").size() > 0) {
      List<String> cookies = new ArrayList<>();
      event.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
      headers.withArray("cookie").add(String.join("; ", cookies));
    }
    String body = event.path("body").asText("");
    byte[] bytes =
        event.path("isBase64Encoded").asBoolean(false)
            ? Base64.getDecoder().decode(body)
            : body.getBytes(StandardCharsets.UTF_8);
    echo.put("body", Base64.getEncoder().encodeToString(bytes));

    ObjectNode response = MAPPER.createObjectNode();
    response.put("statusCode", 200);
    response.putObject("headers").put("content-type", "application/json");
    response.put("body", MAPPER.writeValueAsString(echo));
    response.put("isBase64Encoded", false);
    MAPPER.writeValue(output, response);
  }
}
