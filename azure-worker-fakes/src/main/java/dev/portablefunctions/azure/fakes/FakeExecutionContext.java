package dev.portablefunctions.azure.fakes;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.RetryContext;
import com.microsoft.azure.functions.RpcException;
import com.microsoft.azure.functions.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} the Java worker builds for one invocation: a fresh invocation id,
 * the Azure function's name, the host's W3C trace context ({@code traceparent} "" unless set, as
 * the worker passes it when the host has none), no retry context unless set (no retry policy), and
 * a per-invocation {@link Logger} whose records this context keeps (the worker forwards them to the
 * host).
 *
 * <p>Set it up before the invocation; the kept records may be read from any thread.
 */
public final class FakeExecutionContext implements ExecutionContext {

  private final String functionName;
  private final String invocationId = UUID.randomUUID().toString();
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private String traceparent = "";
  private Integer retryCount;
  private volatile boolean keepRecords = true;

  /**
   * A context for one invocation of an Azure function.
   *
   * @param functionName the Azure function's name
   * @throws NullPointerException if {@code functionName} is null
   */
  public FakeExecutionContext(String functionName) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (keepRecords) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  /**
   * A new random W3C {@code traceparent} (version 00, not sampled), as the host makes for a request
   * that came without one.
   *
   * @return the header value
   */
  public static String newTraceparent() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "00-%016x%016x-%016x-00", random.nextLong() | 1, random.nextLong(), random.nextLong() | 1);
  }

  /**
   * Sets the {@code traceparent} the host passes.
   *
   * @param traceparent the header value, or "" for none
   * @return this context
   * @throws NullPointerException if {@code traceparent} is null
   */
  public FakeExecutionContext traceparent(String traceparent) {
    this.traceparent = Objects.requireNonNull(traceparent, "traceparent");
    return this;
  }

  /**
   * Makes {@link #getRetryContext()} report a retry count (of at most 3), as with a retry policy.
   *
   * @param count the retry count
   * @return this context
   */
  public FakeExecutionContext retryCount(int count) {
    this.retryCount = count;
    return this;
  }

  /**
   * Makes the logger drop what it is given instead of keeping it, for a benchmark that logs for
   * millions of invocations (each line is still formatted and handed to the logger, as the worker's
   * logger is).
   *
   * @return this context
   */
  public FakeExecutionContext discardLogs() {
    keepRecords = false;
    return this;
  }

  /**
   * The records written through {@link #getLogger()}, in order.
   *
   * @return a copy of the records
   */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * The messages of the records written through {@link #getLogger()}, in order.
   *
   * @return the messages
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      lines.add(record.getMessage());
    }
    return List.copyOf(lines);
  }

  @Override
  public Logger getLogger() {
    return logger;
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public TraceContext getTraceContext() {
    String parent = traceparent;
    return new TraceContext() {
      @Override
      public String getTraceparent() {
        return parent;
      }

      @Override
      public String getTracestate() {
        return "";
      }

      @Override
      public Map<String, String> getAttributes() {
        return Map.of();
      }
    };
  }

  /**
   * The retry context, as the worker gives it.
   *
   * @return the retry count set with {@link #retryCount(int)}, or null (the worker's value without
   *     a retry policy) if none was set
   */
  @Override
  public RetryContext getRetryContext() {
    if (retryCount == null) {
      return null;
    }
    int count = retryCount;
    return new RetryContext() {
      @Override
      public int getRetrycount() {
        return count;
      }

      @Override
      public int getMaxretrycount() {
        return 3;
      }

      @Override
      public RpcException getException() {
        return null;
      }
    };
  }
}
