package dev.portablefunctions.internal;

import java.io.OutputStream;

/**
 * Standard output as it is when each byte array is written: {@code System.out} may be replaced
 * after a log writer is made (tests, frameworks that capture output), so the stream is looked up on
 * every call. Each call is one call of that {@link java.io.PrintStream}, which holds its lock for
 * the call. For the adapters' log writers ({@code JsonLogWriter} with an {@code OutputStream}).
 */
public final class StandardOutput extends OutputStream {

  /** The one instance. */
  public static final OutputStream STREAM = new StandardOutput();

  private StandardOutput() {}

  @Override
  public void write(int b) {
    System.out.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    System.out.write(bytes, offset, length);
  }

  @Override
  public void flush() {
    System.out.flush();
  }
}
