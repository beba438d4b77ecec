package dev.portablefunctions;

import java.util.Locale;

/** Where a function is running. */
public enum Cloud {
  /** The local adapter: in-process tests, the local server, or a container. */
  LOCAL,
  /** AWS Lambda. */
  AWS,
  /** Azure Functions. */
  AZURE,
  /** Google Cloud Functions (Cloud Run functions). */
  GCP;

  private final String id = name().toLowerCase(Locale.ROOT); // a function may ask on every call

  /**
   * Returns the lower-case id: {@code local}, {@code aws}, {@code azure} or {@code gcp}.
   *
   * @return the id
   */
  public String id() {
    return id;
  }
}
