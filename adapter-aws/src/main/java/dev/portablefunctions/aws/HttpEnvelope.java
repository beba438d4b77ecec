package dev.portablefunctions.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.Context;
import dev.portablefunctions.Headers;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.internal.Bodies;
import dev.portablefunctions.internal.SharedBodies;
import dev.portablefunctions.internal.UriPaths;
import dev.portablefunctions.spi.MalformedInput;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes the four HTTP envelopes into an {@link HttpRequest} and writes an {@link HttpResponse} in
 * the format the same source expects back.
 *
 * <ul>
 *   <li>REST API and HTTP API payload 1.0: {@code multiValueHeaders} and {@code
 *       multiValueQueryStringParameters} (already decoded by API Gateway), falling back to the
 *       single-value maps; answered with {@code multiValueHeaders}.
 *   <li>HTTP API payload 2.0 and function URLs: {@code rawPath}, {@code rawQueryString} (decoded
 *       here), single-value headers (API Gateway joins repeated headers with commas; they stay one
 *       value), {@code cookies[]} rejoined into one {@code cookie} header; answered with
 *       comma-joined {@code headers} and every {@code set-cookie} in {@code cookies[]}.
 *   <li>Application Load Balancer: the request's mode decides ({@code multiValueHeaders} present
 *       means multi-value mode) and the answer uses the same mode. The load balancer does not
 *       decode query parameters, so they are decoded here; the answer carries {@code
 *       statusDescription}.
 * </ul>
 *
 * <p>Paths: {@link HttpRequest#path()} is the decoded path on every source. The REST API's {@code
 * path} (an event without {@code version}), the load balancer's {@code path} and a function URL's
 * {@code rawPath} arrive percent-encoded and are decoded here with {@link UriPaths#decode}; the
 * HTTP API's {@code rawPath} (payload 2.0) and {@code path} (payload 1.0, {@code "version": "1.0"})
 * arrive decoded and are taken as they are, so that an encoded {@code %} ({@code %25}) is not
 * decoded twice. An HTTP API stage other than {@code $default} prefixes those paths with {@code
 * /<stage>}, which the REST API's {@code path} does not have: it is removed (only when the path
 * starts with it, so a custom domain's API mapping, which has no stage in the path, is left alone).
 *
 * <p>Bodies: a request body with {@code isBase64Encoded} is decoded from base64, any other is taken
 * as UTF-8 text. A response body is sent as text when it is empty, or when its content type is
 * textual ({@code text/*}, JSON, XML, JavaScript, form data, YAML, or any type with a {@code
 * charset} parameter), its charset (if named) is UTF-8 or US-ASCII, and its bytes are valid UTF-8;
 * a body without a content type is sent as text when its bytes are valid UTF-8. Everything else is
 * sent as base64 with {@code isBase64Encoded: true}, so binary bodies survive byte for byte.
 */
final class HttpEnvelope {

  /** The wire format of one HTTP source. */
  enum Format {
    /** API Gateway REST API, or HTTP API with payload format 1.0. */
    PAYLOAD_1,
    /** API Gateway HTTP API with payload format 2.0, or a function URL. */
    PAYLOAD_2,
    /** Application Load Balancer, single-value headers. */
    ALB_SINGLE_VALUE,
    /** Application Load Balancer with {@code lambda.multi_value_headers.enabled}. */
    ALB_MULTI_VALUE
  }

  private HttpEnvelope() {}

  /** The format of an event that {@link Trigger#of} classified as HTTP. */
  static Format format(Trigger trigger, JsonNode event) {
    if (trigger == Trigger.API_GATEWAY_REST) {
      return Format.PAYLOAD_1;
    }
    if (trigger == Trigger.API_GATEWAY_HTTP || trigger == Trigger.FUNCTION_URL) {
      return Format.PAYLOAD_2;
    }
    if (trigger == Trigger.ALB) {
      return event.has("multiValueHeaders") || event.has("multiValueQueryStringParameters")
          ? Format.ALB_MULTI_VALUE
          : Format.ALB_SINGLE_VALUE;
    }
    throw new IllegalArgumentException(trigger + " is not an HTTP trigger");
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes an event that {@link Trigger#of} classified as HTTP. */
  static HttpRequest decode(JsonNode event, Trigger trigger) {
    Format format = format(trigger, event);
    return format == Format.PAYLOAD_2
        ? decodePayload2(event, trigger)
        : decodePayload1(event, format, path(event, trigger));
  }

  /**
   * The decoded path of a request (see the class comment): percent-decoded for the REST API, the
   * load balancer and function URLs; taken as sent, less a named stage's prefix, for the HTTP API.
   */
  static String path(JsonNode event, Trigger trigger) {
    if (trigger == Trigger.ALB) {
      return UriPaths.decode(slashed(JsonNodes.text(event, "path")));
    }
    if (trigger == Trigger.FUNCTION_URL) {
      return UriPaths.decode(slashed(rawPath(event)));
    }
    if (trigger == Trigger.API_GATEWAY_HTTP) {
      return withoutStage(slashed(rawPath(event)), event);
    }
    if (trigger == Trigger.API_GATEWAY_REST) {
      String path = slashed(JsonNodes.text(event, "path"));
      return isHttpApiPayload1(event) ? withoutStage(path, event) : UriPaths.decode(path);
    }
    throw new IllegalArgumentException(trigger + " is not an HTTP trigger");
  }

  /** An HTTP API's payload 1.0 says {@code "version": "1.0"}; a REST API's event has no version. */
  private static boolean isHttpApiPayload1(JsonNode event) {
    return "1.0".equals(JsonNodes.text(event, "version"));
  }

  private static String rawPath(JsonNode event) {
    String rawPath = JsonNodes.text(event, "rawPath");
    return rawPath != null
        ? rawPath
        : JsonNodes.text(
            JsonNodes.object(JsonNodes.object(event, "requestContext"), "http"), "path");
  }

  /**
   * Removes the {@code /<stage>} prefix that an HTTP API stage other than {@code $default} puts in
   * front of the path, when the path has it.
   */
  private static String withoutStage(String path, JsonNode event) {
    String stage = JsonNodes.text(JsonNodes.object(event, "requestContext"), "stage");
    if (stage == null || stage.isEmpty() || stage.equals("$default")) {
      return path;
    }
    String prefix = "/" + stage;
    if (!path.startsWith(prefix)) {
      return path;
    }
    if (path.length() == prefix.length()) {
      return "/";
    }
    return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length()) : path;
  }

  private static HttpRequest decodePayload1(JsonNode event, Format format, String path) {
    String method = method(JsonNodes.required(event, "httpMethod", "The HTTP request"));
    HttpRequest.Builder request = HttpRequest.builder(method, path);
    boolean decodeQuery = format != Format.PAYLOAD_1;
    JsonNode multiQuery = JsonNodes.object(event, "multiValueQueryStringParameters");
    JsonNode query =
        multiQuery != null ? multiQuery : JsonNodes.object(event, "queryStringParameters");
    if (query != null) {
      for (Map.Entry<String, JsonNode> field : query.properties()) {
        eachText(
            field.getValue(),
            value -> request.query(query(field.getKey(), decodeQuery), query(value, decodeQuery)));
      }
    }
    JsonNode multiHeaders = JsonNodes.object(event, "multiValueHeaders");
    JsonNode headers = multiHeaders != null ? multiHeaders : JsonNodes.object(event, "headers");
    Headers.Builder built = Headers.builder();
    addHeaders(built, headers);
    return SharedBodies.own(request.headers(built.build()), body(event)).build();
  }

  private static HttpRequest decodePayload2(JsonNode event, Trigger trigger) {
    JsonNode http = JsonNodes.object(JsonNodes.object(event, "requestContext"), "http");
    String method =
        method(JsonNodes.required(http, "method", "The HTTP request's requestContext.http"));
    HttpRequest.Builder request = HttpRequest.builder(method, path(event, trigger));
    String rawQuery = JsonNodes.text(event, "rawQueryString");
    if (rawQuery != null && !rawQuery.isEmpty()) {
      request.rawQuery(rawQuery);
    }
    Headers.Builder headers = Headers.builder();
    addHeaders(headers, JsonNodes.object(event, "headers"));
    JsonNode cookies = JsonNodes.array(event, "cookies");
    if (cookies != null && cookies.size() > 0) {
      List<String> values = new ArrayList<>(cookies.size());
      eachText(cookies, values::add);
      MalformedInput.addHeader(headers, "cookie", String.join("; ", values));
    }
    return SharedBodies.own(request.headers(headers.build()), body(event)).build();
  }

  /**
   * Adds the request's headers. A name or value that HTTP does not allow (a CR, LF or NUL; ':' in a
   * name) makes the request a 400 problem response that names neither ({@link
   * MalformedInput#addHeader}), rather than reaching the function without it; an empty name, which
   * API Gateway's documented REST example shows, is skipped.
   */
  private static void addHeaders(Headers.Builder built, JsonNode headers) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : headers.properties()) {
      if (!field.getKey().isEmpty()) {
        eachText(field.getValue(), value -> MalformedInput.addHeader(built, field.getKey(), value));
      }
    }
  }

  /**
   * The request method, which must be an HTTP token (RFC 9110): else a 400 that does not quote it.
   */
  private static String method(String method) {
    boolean token = !method.isEmpty() && method.length() <= 64;
    for (int i = 0; token && i < method.length(); i++) {
      char c = method.charAt(i);
      token = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
    if (!token) {
      throw MalformedInput.at("HTTP request", "", "a method that is an HTTP token, such as GET");
    }
    return method;
  }

  /** Calls {@code action} with a scalar's text or each scalar of an array; skips nulls. */
  private static void eachText(JsonNode node, Consumer<String> action) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isValueNode() && !item.isNull()) {
          action.accept(item.asText());
        }
      }
    } else if (node.isValueNode()) {
      action.accept(node.asText());
    }
  }

  private static String query(String text, boolean decode) {
    if (!decode) {
      return text;
    }
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text; // a stray '%' is kept as sent rather than failing the request
    }
  }

  private static String slashed(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    return path.startsWith("/") ? path : "/" + path;
  }

  private static byte[] body(JsonNode event) {
    String body = JsonNodes.text(event, "body");
    if (body == null || body.isEmpty()) {
      return new byte[0];
    }
    JsonNode base64 = event.get("isBase64Encoded");
    if (base64 != null && base64.asBoolean(false)) {
      return JsonNodes.base64(body, "request body (isBase64Encoded is true)");
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Writes the response as the source expects it.
   *
   * @param context for the warning when single-value ALB mode cannot carry several cookies
   */
  static void encode(HttpResponse response, Format format, JsonGenerator json, Context context)
      throws IOException {
    byte[] body = SharedBodies.body(response); // written out as it is
    Map<String, List<String>> headers = response.headers().asMap();
    json.writeStartObject();
    json.writeNumberField("statusCode", response.statusCode());
    if (format == Format.PAYLOAD_1) {
      writeMultiValueHeaders(json, headers);
    } else if (format == Format.PAYLOAD_2) {
      writeJoinedHeaders(json, headers, true);
      List<String> cookies = headers.getOrDefault("set-cookie", List.of());
      if (!cookies.isEmpty()) {
        json.writeArrayFieldStart("cookies");
        for (String cookie : cookies) {
          json.writeString(cookie);
        }
        json.writeEndArray();
      }
    } else if (format == Format.ALB_SINGLE_VALUE) {
      json.writeStringField("statusDescription", statusDescription(response.statusCode()));
      writeJoinedHeaders(json, headers, false);
      if (headers.getOrDefault("set-cookie", List.of()).size() > 1) {
        context
            .logger()
            .warn(
                "The response sets "
                    + headers.get("set-cookie").size()
                    + " cookies, but the load balancer's target group sends single-value"
                    + " headers, which carry one: only the first was sent. Enable"
                    + " lambda.multi_value_headers.enabled on the target group.");
      }
    } else {
      json.writeStringField("statusDescription", statusDescription(response.statusCode()));
      writeMultiValueHeaders(json, headers); // ALB_MULTI_VALUE
    }
    if (sendAsText(response.headers().first("content-type"), body)) {
      json.writeStringField("body", new String(body, StandardCharsets.UTF_8));
      json.writeBooleanField("isBase64Encoded", false);
    } else {
      json.writeFieldName("body");
      json.writeBinary(body);
      json.writeBooleanField("isBase64Encoded", true);
    }
    json.writeEndObject();
  }

  private static void writeMultiValueHeaders(JsonGenerator json, Map<String, List<String>> headers)
      throws IOException {
    json.writeObjectFieldStart("multiValueHeaders");
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      json.writeArrayFieldStart(header.getKey());
      for (String value : header.getValue()) {
        json.writeString(value);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /**
   * Writes single-value headers, repeated values joined with {@code ", "}. {@code set-cookie}
   * cannot be joined: with {@code cookiesApart} it is left out (the caller writes {@code cookies}),
   * otherwise its first value is written.
   */
  private static void writeJoinedHeaders(
      JsonGenerator json, Map<String, List<String>> headers, boolean cookiesApart)
      throws IOException {
    json.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equals("set-cookie")) {
        if (!cookiesApart) {
          json.writeStringField(header.getKey(), header.getValue().get(0));
        }
      } else {
        json.writeStringField(header.getKey(), String.join(", ", header.getValue()));
      }
    }
    json.writeEndObject();
  }

  /** Whether a response body goes out as text rather than base64 (see the class comment). */
  static boolean sendAsText(Optional<String> contentType, byte[] body) {
    if (body.length == 0) {
      return true;
    }
    if (contentType.isPresent()) {
      String value = contentType.get();
      int semicolon = value.indexOf(';');
      String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
      type = type.toLowerCase(Locale.ROOT);
      String charset = Bodies.charsetParameter(value);
      if (charset == null && !isTextual(type)) {
        return false;
      }
      if (charset != null && !isUtf8Compatible(charset)) {
        return false;
      }
    }
    return isValidUtf8(body);
  }

  private static boolean isTextual(String type) {
    if (type.startsWith("text/")) {
      return true;
    }
    int slash = type.indexOf('/');
    String subtype = slash < 0 ? type : type.substring(slash + 1);
    switch (subtype) {
      case "json":
      case "xml":
      case "javascript":
      case "ecmascript":
      case "x-www-form-urlencoded":
      case "yaml":
      case "x-yaml":
      case "graphql":
      case "x-ndjson":
        return true;
      default:
        return subtype.endsWith("+json") || subtype.endsWith("+xml") || subtype.endsWith("+yaml");
    }
  }

  private static boolean isUtf8Compatible(String charset) {
    try {
      Charset named = Charset.forName(charset);
      return named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  private static boolean isValidUtf8(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return true; // the common case, decided without allocating a decoder
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException invalid) {
      return false;
    }
  }

  /** The ALB {@code statusDescription}: status code and reason phrase, {@code "200 OK"}. */
  static String statusDescription(int status) {
    String reason = reasonPhrase(status);
    return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
  }

  private static String reasonPhrase(int status) {
    switch (status) {
      case 100:
        return "Continue";
      case 101:
        return "Switching Protocols";
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 203:
        return "Non-Authoritative Information";
      case 204:
        return "No Content";
      case 205:
        return "Reset Content";
      case 206:
        return "Partial Content";
      case 300:
        return "Multiple Choices";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 303:
        return "See Other";
      case 304:
        return "Not Modified";
      case 307:
        return "Temporary Redirect";
      case 308:
        return "Permanent Redirect";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 402:
        return "Payment Required";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 406:
        return "Not Acceptable";
      case 407:
        return "Proxy Authentication Required";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 410:
        return "Gone";
      case 411:
        return "Length Required";
      case 412:
        return "Precondition Failed";
      case 413:
        return "Content Too Large";
      case 414:
        return "URI Too Long";
      case 415:
        return "Unsupported Media Type";
      case 416:
        return "Range Not Satisfiable";
      case 417:
        return "Expectation Failed";
      case 421:
        return "Misdirected Request";
      case 422:
        return "Unprocessable Content";
      case 425:
        return "Too Early";
      case 426:
        return "Upgrade Required";
      case 428:
        return "Precondition Required";
      case 429:
        return "Too Many Requests";
      case 431:
        return "Request Header Fields Too Large";
      case 451:
        return "Unavailable For Legal Reasons";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      case 505:
        return "HTTP Version Not Supported";
      default:
        return "";
    }
  }
}
