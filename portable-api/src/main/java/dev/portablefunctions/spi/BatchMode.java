package dev.portablefunctions.spi;

/** How a failure in a message batch affects the messages after it. */
public enum BatchMode {
  /** Every message runs, whatever happens to the others (SQS standard, Service Bus, ...). */
  INDEPENDENT,
  /**
   * A failure fails, without running them, the later messages with the same ordering key (SQS FIFO
   * message groups, Pub/Sub ordering keys). Messages without a key are independent.
   */
  BY_ORDERING_KEY,
  /**
   * A failure fails, without running them, all later messages (Kinesis and DynamoDB streams, where
   * the source resumes from the first failure).
   */
  STOP_AT_FIRST_FAILURE
}
