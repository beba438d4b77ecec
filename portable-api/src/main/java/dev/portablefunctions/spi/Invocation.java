package dev.portablefunctions.spi;

import dev.portablefunctions.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * An invocation as it begins, as an {@link InvocationObserver} sees it: its context (function name,
 * invocation id, cloud, trace), what triggered it, and whether it is the process's first.
 * Immutable.
 */
public final class Invocation {

  private final Context context;
  private final TriggerType trigger;
  private final String source;
  private final boolean coldStart;
  private final Instant startTime;
  private final long startNanos;

  Invocation(
      Context context,
      TriggerType trigger,
      String source,
      boolean coldStart,
      Instant startTime,
      long startNanos) {
    this.context = Objects.requireNonNull(context, "context");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.source = Objects.requireNonNull(source, "source");
    this.coldStart = coldStart;
    this.startTime = Objects.requireNonNull(startTime, "startTime");
    this.startNanos = startNanos;
  }

  /**
   * Returns the invocation's context: {@link Context#functionName()}, {@link
   * Context#invocationId()}, {@link Context#cloud()}, {@link Context#trace()} (the caller's trace,
   * normalised from whatever format arrived), {@link Context#deadline()}.
   *
   * @return the context
   */
  public Context context() {
    return context;
  }

  /**
   * Returns the kind of trigger.
   *
   * @return the trigger type
   */
  public TriggerType trigger() {
    return trigger;
  }

  /**
   * Returns the source as the adapter names it, lower case: for messages the messaging system in
   * OpenTelemetry's words where it has one ({@code aws_sqs}, {@code aws_sns}, {@code aws_kinesis},
   * {@code aws_dynamodb}, {@code kafka}, {@code activemq}, {@code rabbitmq}, {@code
   * aws_cloudwatch_logs}, {@code gcp_pubsub}, {@code servicebus}, {@code azure_queue}, {@code
   * eventhubs}); otherwise the front door ({@code aws_api_gateway}, {@code aws_function_url},
   * {@code aws_alb}, {@code aws_s3}, {@code aws_eventbridge}, {@code direct}, {@code http}, {@code
   * gcp_storage}, {@code eventarc}, {@code azure_blob}, {@code eventgrid}, {@code timer}, {@code
   * local}, ...).
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Tells whether this is the first invocation of the process (of the adapter's {@link
   * Instrumentation}, which an adapter creates once per process).
   *
   * @return whether it is a cold start
   */
  public boolean coldStart() {
    return coldStart;
  }

  /**
   * Returns when the invocation began (its context was created), for a span's start time.
   *
   * @return the time
   */
  public Instant startTime() {
    return startTime;
  }

  /**
   * Returns {@link System#nanoTime()} when the invocation began.
   *
   * @return the nano time
   */
  public long startNanos() {
    return startNanos;
  }

  @Override
  public String toString() {
    return "Invocation["
        + context.functionName()
        + ", "
        + context.invocationId()
        + ", "
        + trigger.id()
        + ", "
        + source
        + (coldStart ? ", cold" : "")
        + "]";
  }
}
