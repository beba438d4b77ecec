package dev.portablefunctions.azure.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.RetryContext;
import com.microsoft.azure.functions.RpcException;
import com.microsoft.azure.functions.TraceContext;
import dev.portablefunctions.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * An {@link ExecutionContext} as the Java worker builds it for one invocation: the invocation id,
 * the Azure function's name, the host's trace context and a per-invocation {@link Logger}, whose
 * records this fake keeps.
 */
public final class FakeExecutionContext implements ExecutionContext {

  private final String functionName;
  private final String invocationId = UUID.randomUUID().toString();
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private String traceparent = "";
  private Integer retryCount;
  private volatile boolean keepRecords = true;

  public FakeExecutionContext(String functionName) {
    this.functionName = functionName;
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
   * Makes the logger drop what it is given instead of keeping it, for a benchmark that logs an
   * outcome record per invocation for millions of invocations (the line is still formatted and
   * handed to the logger, as the worker's logger is).
   */
  public FakeExecutionContext discardLogs() {
    keepRecords = false;
    return this;
  }

  /** Sets the {@code traceparent} the host passes (the worker passes "" when there is none). */
  public FakeExecutionContext traceparent(String traceparent) {
    this.traceparent = traceparent;
    return this;
  }

  /** Makes {@link #getRetryContext()} report a retry count, as with a retry policy. */
  public FakeExecutionContext retryCount(int count) {
    this.retryCount = count;
    return this;
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
    return new TraceContext() {
      @Override
      public String getTraceparent() {
        return traceparent;
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

  /**
   * The records written through {@link #getLogger()}, except the outcome record that ends each
   * invocation (see {@link #outcomes()}).
   */
  public List<LogRecord> records() {
    return records.stream().filter(record -> !isOutcome(record)).collect(Collectors.toList());
  }

  /** The outcome records written through {@link #getLogger()}, as JSON. */
  public List<JsonNode> outcomes() {
    List<JsonNode> outcomes = new ArrayList<>();
    for (LogRecord record : records) {
      if (isOutcome(record)) {
        try {
          outcomes.add(Json.mapper().readTree(record.getMessage()));
        } catch (JsonProcessingException notJson) {
          throw new AssertionError(notJson);
        }
      }
    }
    return outcomes;
  }

  private static boolean isOutcome(LogRecord record) {
    return record.getMessage().contains("\"outcome\":");
  }

  /** The messages written through {@link #getLogger()}. */
  public List<String> lines() {
    return records().stream().map(LogRecord::getMessage).collect(Collectors.toList());
  }

  /** The {@code ECHO ...} payloads the echo functions logged, without the prefix. */
  public List<String> echoes() {
    return lines().stream()
        .map(FakeExecutionContext::message)
        .filter(message -> message.startsWith("ECHO "))
        .map(message -> message.substring(5))
        .collect(Collectors.toList());
  }

  /** The {@code message} field of one JSON log line. */
  public static String message(String line) {
    try {
      return Json.mapper().readTree(line).path("message").asText();
    } catch (JsonProcessingException notJson) {
      throw new AssertionError("Not a JSON log line: " + line, notJson);
    }
  }
}
