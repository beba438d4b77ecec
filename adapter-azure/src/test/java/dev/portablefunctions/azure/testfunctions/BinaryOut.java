package dev.portablefunctions.azure.testfunctions;

import dev.portablefunctions.Context;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;

/** Answers 201 with every byte value, two cookies and a two-valued header. */
public final class BinaryOut implements HttpFunction {

  /** The body: bytes 0 to 255. */
  public static byte[] bytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    return HttpResponse.status(201)
        .header("Vary", "Accept")
        .header("Vary", "Accept-Encoding")
        .header("Set-Cookie", "a=1")
        .header("Set-Cookie", "b=2")
        .body(bytes(), "application/octet-stream");
  }
}
