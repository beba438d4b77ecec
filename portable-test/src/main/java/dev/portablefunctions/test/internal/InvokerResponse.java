package dev.portablefunctions.test.internal;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Functions Framework's {@link com.google.cloud.functions.HttpResponse} as the invoker's {@code
 * HttpResponseImpl} backs it with a servlet response: status 200 unless set, {@code setContentType}
 * sets the {@code Content-Type} header, {@code appendHeader} adds a value, and the body is what was
 * written. Records what the client receives.
 */
public final class InvokerResponse implements com.google.cloud.functions.HttpResponse {

  private int status = 200;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private BufferedWriter writer;

  /**
   * The status sent.
   *
   * @return the status
   */
  public synchronized int status() {
    return status;
  }

  /**
   * The headers sent, in the order first set.
   *
   * @return the headers
   */
  public synchronized Map<String, List<String>> headers() {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The body sent.
   *
   * @return the bytes
   */
  public synchronized byte[] body() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (java.io.IOException cannot) {
        // a ByteArrayOutputStream does not fail
      }
    }
    return body.toByteArray();
  }

  @Override
  public synchronized void setStatusCode(int code) {
    status = code;
  }

  @Override
  public synchronized void setStatusCode(int code, String message) {
    status = code;
  }

  @Override
  public synchronized void setContentType(String type) {
    remove("Content-Type");
    headers.put("Content-Type", new ArrayList<>(List.of(type)));
  }

  @Override
  public synchronized Optional<String> getContentType() {
    return first("Content-Type");
  }

  @Override
  public synchronized void appendHeader(String name, String value) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        header.getValue().add(value);
        return;
      }
    }
    headers.put(name, new ArrayList<>(List.of(value)));
  }

  @Override
  public synchronized Map<String, List<String>> getHeaders() {
    return headers();
  }

  @Override
  public OutputStream getOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (InvokerResponse.this) {
          body.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        synchronized (InvokerResponse.this) {
          body.write(bytes, offset, length);
        }
      }
    };
  }

  @Override
  public synchronized BufferedWriter getWriter() {
    if (writer == null) {
      writer =
          new BufferedWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
    }
    return writer;
  }

  private Optional<String> first(String name) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  private void remove(String name) {
    headers.keySet().removeIf(key -> key.equalsIgnoreCase(name));
  }
}
