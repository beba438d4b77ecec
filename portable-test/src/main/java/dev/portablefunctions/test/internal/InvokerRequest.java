package dev.portablefunctions.test.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Functions Framework's {@link com.google.cloud.functions.HttpRequest} as the Java invoker's
 * {@code HttpRequestImpl} builds it from a servlet request: the raw, undecoded path and query, the
 * headers in a case-insensitive {@code TreeMap} (each name spelled as first seen), the exact body
 * bytes, {@code getUri()} with the {@code http} scheme (TLS ends at Google's front end). {@link
 * #getQueryParameters()} parses the query only; {@link #getParts()} refuses a request that is not
 * {@code multipart/form-data}, as the invoker does.
 */
public final class InvokerRequest implements com.google.cloud.functions.HttpRequest {

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /**
   * A request.
   *
   * @param method the method
   * @param pathAndQuery the raw request target, such as {@code /a%20b?x=1}
   * @param headers the headers, in order
   * @param body the body
   */
  public InvokerRequest(
      String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    int question = pathAndQuery.indexOf('?');
    this.path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    this.query = question < 0 ? null : pathAndQuery.substring(question + 1);
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> copy.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    String host = getFirstHeader("host").orElse("localhost:8080");
    return "http://" + host + path + (query == null ? "" : "?" + query);
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(query);
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    parameters.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(parameters);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }

  @Override
  public Map<String, HttpPart> getParts() {
    if (!getContentType().orElse("").toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new IllegalStateException("Content-Type must be multipart/form-data");
    }
    throw new UnsupportedOperationException(
        "portable-test does not parse multipart bodies; the adapters read the body as bytes");
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("content-type");
  }

  @Override
  public long getContentLength() {
    return body.length == 0 && !headers.containsKey("content-length") ? -1 : body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    String type = getContentType().orElse("");
    for (String parameter : type.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        return Optional.of(trimmed.substring("charset=".length()).replace("\"", "").trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    Charset charset;
    try {
      charset = Charset.forName(getCharacterEncoding().orElse("UTF-8"));
    } catch (IllegalArgumentException unknown) {
      charset = StandardCharsets.UTF_8;
    }
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }
}
