package dev.portablefunctions.gcp;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Records what the adapter writes to the framework's response. */
public final class FakeHttpResponse implements com.google.cloud.functions.HttpResponse {

  private int status = 200;
  private String contentType;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private boolean closed;

  public int status() {
    return status;
  }

  public byte[] bodyBytes() {
    return body.toByteArray();
  }

  String bodyText() {
    return body.toString(StandardCharsets.UTF_8);
  }

  boolean closed() {
    return closed;
  }

  List<String> header(String name) {
    return headers.getOrDefault(name, List.of());
  }

  @Override
  public void setStatusCode(int code) {
    status = code;
  }

  @Override
  @Deprecated
  public void setStatusCode(int code, String message) {
    throw new AssertionError("the reason phrase variant is not used");
  }

  @Override
  public void setContentType(String type) {
    contentType = type;
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.ofNullable(contentType);
  }

  @Override
  public void appendHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        body.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        body.write(bytes, offset, length);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public BufferedWriter getWriter() {
    return new BufferedWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
  }
}
