package dev.portablefunctions.test.internal;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} the Azure Functions Java worker builds for one invocation: a fresh
 * invocation id, the Azure function's name, the host's W3C trace context, no retry context (no
 * retry policy), and a per-invocation {@link Logger} whose messages this context keeps (the worker
 * forwards them to the host).
 */
public final class WorkerContext implements ExecutionContext {

  private final String functionName;
  private final String invocationId = UUID.randomUUID().toString();
  private final String traceparent;
  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /**
   * A context for one invocation of an Azure function.
   *
   * @param functionName the Azure function's name
   */
  public WorkerContext(String functionName) {
    this.functionName = functionName;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.traceparent =
        String.format(
            "00-%016x%016x-%016x-00",
            random.nextLong() | 1, random.nextLong(), random.nextLong() | 1);
    this.logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  /**
   * The messages written through {@link #getLogger()}, in order.
   *
   * @return the lines
   */
  public List<String> lines() {
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
}
