package dev.portablefunctions.spi;

/** The shape of a function, which decides the envelopes an adapter may hand it. */
public enum FunctionKind {
  /** An {@link dev.portablefunctions.HttpFunction}. */
  HTTP("an HTTP function", "an HTTP request"),
  /** A {@link dev.portablefunctions.TypedFunction}. */
  TYPED("a typed function", "a JSON input (direct invocation or an HTTP POST)"),
  /** A {@link dev.portablefunctions.MessageFunction}. */
  MESSAGE("a message function", "a queue or topic message"),
  /**
   * An {@link dev.portablefunctions.EventFunction} of {@link dev.portablefunctions.StorageEvent}.
   */
  STORAGE("a storage event function", "a storage object created or deleted event"),
  /**
   * An {@link dev.portablefunctions.EventFunction} of {@link dev.portablefunctions.ScheduleEvent}.
   */
  SCHEDULE("a schedule event function", "a schedule tick"),
  /** An {@link dev.portablefunctions.EventFunction} of {@code io.cloudevents.CloudEvent}. */
  CLOUD_EVENT("a CloudEvent function", "any event, as a CloudEvent");

  private final String description;
  private final String accepts;

  FunctionKind(String description, String accepts) {
    this.description = description;
    this.accepts = accepts;
  }

  /**
   * Describes the kind for messages, such as {@code "an HTTP function"}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Describes what the kind accepts, for "unsupported trigger" messages.
   *
   * @return the description
   */
  public String accepts() {
    return accepts;
  }

  /**
   * Tells whether this kind is an {@link dev.portablefunctions.EventFunction}.
   *
   * @return whether it is an event kind
   */
  public boolean isEvent() {
    return this == STORAGE || this == SCHEDULE || this == CLOUD_EVENT;
  }
}
