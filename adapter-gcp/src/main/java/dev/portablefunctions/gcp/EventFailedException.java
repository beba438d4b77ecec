package dev.portablefunctions.gcp;

/**
 * Thrown to the invoker when an event fails, after the cause has been logged once, with the
 * execution id and stack trace, in Cloud Logging's format. The invoker answers 500, so the event is
 * redelivered, and logs what it caught; this exception has neither a stack trace nor a cause, so
 * that line is one short sentence pointing at ours and Error Reporting counts the failure once.
 */
final class EventFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EventFailedException(String message) {
    super(message, null, false, false);
  }
}
