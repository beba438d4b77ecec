package dev.portablefunctions.azure.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class FakeExecutionContextTest {

  @Test
  void keepsWhatTheLoggerIsGivenInOrder() {
    FakeExecutionContext context = new FakeExecutionContext("orders");

    context.getLogger().info("first");
    context.getLogger().log(Level.FINE, "second");

    assertThat(context.lines()).containsExactly("first", "second");
    assertThat(context.records())
        .extracting(LogRecord::getLevel)
        .containsExactly(Level.INFO, Level.FINE);
    assertThat(context.getFunctionName()).isEqualTo("orders");
  }

  @Test
  void discardingLogsKeepsNothing() {
    FakeExecutionContext context = new FakeExecutionContext("orders").discardLogs();

    context.getLogger().info("dropped");

    assertThat(context.records()).isEmpty();
  }

  @Test
  void eachContextIsANewInvocationWithItsOwnLogger() {
    FakeExecutionContext one = new FakeExecutionContext("orders");
    FakeExecutionContext two = new FakeExecutionContext("orders");

    one.getLogger().info("only in one");

    assertThat(one.getInvocationId()).isNotEqualTo(two.getInvocationId());
    assertThat(two.lines()).isEmpty();
  }

  @Test
  void theTraceparentIsEmptyUnlessSetAsTheWorkerPassesIt() {
    assertThat(new FakeExecutionContext("orders").getTraceContext().getTraceparent()).isEmpty();

    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    FakeExecutionContext context = new FakeExecutionContext("orders").traceparent(traceparent);

    assertThat(context.getTraceContext().getTraceparent()).isEqualTo(traceparent);
    assertThat(context.getTraceContext().getTracestate()).isEmpty();
    assertThat(context.getTraceContext().getAttributes()).isEmpty();
  }

  @Test
  void aNewTraceparentIsAValidW3cHeaderWithNonZeroIds() {
    String one = FakeExecutionContext.newTraceparent();
    String two = FakeExecutionContext.newTraceparent();

    assertThat(one).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    assertThat(one.substring(3, 35)).isNotEqualTo("0".repeat(32));
    assertThat(one.substring(36, 52)).isNotEqualTo("0".repeat(16));
    assertThat(one).isNotEqualTo(two);
  }

  @Test
  void theRetryContextIsAbsentWithoutARetryPolicy() {
    assertThat(new FakeExecutionContext("orders").getRetryContext()).isNull();

    FakeExecutionContext retried = new FakeExecutionContext("orders").retryCount(2);

    assertThat(retried.getRetryContext().getRetrycount()).isEqualTo(2);
    assertThat(retried.getRetryContext().getMaxretrycount()).isEqualTo(3);
  }
}
