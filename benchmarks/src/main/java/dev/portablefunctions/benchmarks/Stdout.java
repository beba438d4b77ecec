package dev.portablefunctions.benchmarks;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output for a benchmark whose adapter logs a line per invocation (the outcome record):
 * the forked JVM's own stdout is a pipe to the JMH host, which would print millions of lines and
 * measure itself. Lines go instead to {@code /dev/null} through a stream built as the JVM builds
 * {@code System.out} (a small buffer, flushed on each line), so each line still costs its
 * formatting, its encoding and one write call; a platform's pipe to its log agent costs more.
 */
final class Stdout {

  private Stdout() {}

  /** Sends {@code System.out} to {@code /dev/null} (or nowhere, where there is none). */
  static void discard() {
    OutputStream sink;
    try {
      sink = new FileOutputStream("/dev/null");
    } catch (FileNotFoundException none) {
      sink = OutputStream.nullOutputStream();
    }
    System.setOut(new PrintStream(new BufferedOutputStream(sink, 128), true));
  }
}
