package dev.portablefunctions.gcp;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The framework's request as the invoker builds it (verified in the spike): a raw, undecoded path,
 * a raw query, a case-insensitive {@code TreeMap} of headers whose key spelling is the first seen.
 * {@link #getQueryParameters()} fails the test: the adapter must not call it, because in the real
 * invoker it consumes form bodies and throws on malformed escapes.
 */
public final class FakeHttpRequest implements com.google.cloud.functions.HttpRequest {

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private byte[] body = new byte[0];

  public FakeHttpRequest(String method, String rawPathAndQuery) {
    this.method = method;
    int question = rawPathAndQuery.indexOf('?');
    this.path = question < 0 ? rawPathAndQuery : rawPathAndQuery.substring(0, question);
    this.query = question < 0 ? null : rawPathAndQuery.substring(question + 1);
  }

  public FakeHttpRequest header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  public FakeHttpRequest body(byte[] bytes) {
    this.body = bytes;
    return this;
  }

  public FakeHttpRequest body(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    return "http://localhost:8080" + path + (query == null ? "" : "?" + query);
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
    throw new AssertionError("getQueryParameters() eats form bodies in the real invoker");
  }

  @Override
  public Map<String, HttpPart> getParts() {
    throw new AssertionError("getParts() is not used");
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("content-type");
  }

  @Override
  public long getContentLength() {
    return body.length == 0 ? -1 : body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }
}
