package dev.portablefunctions.azure.testfunctions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the recording test functions received, in order. Tests clear it first. */
public final class Recorded {

  private static final List<Object> VALUES = new CopyOnWriteArrayList<>();

  private Recorded() {}

  static void add(Object value) {
    VALUES.add(value);
  }

  public static List<Object> values() {
    return List.copyOf(VALUES);
  }

  public static void clear() {
    VALUES.clear();
  }
}
