package dev.portablefunctions.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.test.fixtures.Greeting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Selection, the deployment's environment, and what a replay keeps apart. */
class ReplayTest {

  @Test
  void aFunctionIsSelectedByNameOrClassAsPortableFunctionSelectsIt() {
    AwsEvent ada = AwsEvent.directInvocation("{\"name\":\"Ada\"}");

    assertThat(Replay.function("greeting").aws(ada).output())
        .contains("{\"greeting\":\"Hello, Ada\"}");
    assertThat(Replay.function("Greeting").aws(ada).output())
        .contains("{\"greeting\":\"Hello, Ada\"}");
    assertThat(Replay.function(Greeting.class.getName()).aws(ada).output()).isPresent();
    assertThat(Replay.function("Greeting").azureFunctionName()).isEqualTo("greeting");
  }

  @Test
  void aSelectionThatMatchesNothingFailsAsTheDeploymentWould() {
    assertThatThrownBy(() -> Replay.function("nobody").aws(AwsEvent.sqs()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "LambdaHandler cannot start: PORTABLE_FUNCTION='nobody' matches no function")
        .hasMessageContaining("Available: ")
        .hasMessageContaining("inbox (a message function)");
    assertThatThrownBy(() -> Replay.function(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFunctionInstanceOutsideTheIndexCanBeReplayed() {
    FunctionDefinition strict =
        FunctionDefinition.message(
            "strict",
            (MessageFunction)
                (message, context) -> {
                  throw FunctionException.unprocessable("no");
                });

    LambdaResult result = Replay.of(strict).aws(AwsEvent.sqs());

    assertThat(result.batchItemFailures()).hasSize(2);
    assertThat(
            Replay.of(new Greeting()).aws(AwsEvent.directInvocation("{\"name\":\"Bo\"}")).output())
        .contains("{\"greeting\":\"Hello, Bo\"}");
  }

  @Test
  void theLogLevelComesFromTheReplaysEnvironmentOnEveryCloud() {
    Replay quiet = Replay.function("inbox").withEnvironment("PORTABLE_LOG_LEVEL", "WARN");

    assertThat(quiet.aws(AwsEvent.sqs()).logs()).isEmpty();
    assertThat(quiet.gcp(GcpEvent.pubSub()).logs()).isEmpty();
    assertThat(quiet.azure(AzureEvent.queue()).logs()).isEmpty();
    assertThat(
            Replay.function("inbox")
                .withEnvironment("AWS_LAMBDA_LOG_LEVEL", "ERROR")
                .aws(AwsEvent.sqs())
                .logs())
        .isEmpty();
    assertThat(Replay.function("inbox").aws(AwsEvent.sqs()).logs()).isNotEmpty();
  }

  @Test
  void theSelectionIsTheReplaysOwnNotAnEnvironmentVariable() {
    assertThatThrownBy(() -> Replay.function("inbox").withEnvironment("PORTABLE_FUNCTION", "echo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Replay.function(name)");
  }

  @Test
  void rawEventsLetATypedFunctionTakeAnyEventsJson() {
    Replay greeting = Replay.function("greeting");

    assertThat(greeting.aws(AwsEvent.eventBridgeCustom()).error()).isPresent();
    assertThat(
            greeting
                .withEnvironment("PORTABLE_RAW_EVENTS", "true")
                .aws(AwsEvent.eventBridgeCustom())
                .error())
        .hasValueSatisfying(
            error -> assertThat(error.errorMessage()).isEqualTo("'name' is required."));
  }

  @Test
  void aResultHasOnlyItsOwnInvocationsLinesNotTheEntryPointsStartUp() {
    GcpResult result = Replay.function("inbox").gcp(GcpEvent.pubSub());

    assertThat(result.logs())
        .extracting(line -> line.path("message").asText())
        .noneMatch(message -> message.startsWith("Serving"))
        .anyMatch(message -> message.startsWith("got "));
  }

  @Test
  void concurrentReplaysKeepTheirLinesApart() throws Exception {
    Replay inbox = Replay.function("inbox");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<LambdaResult>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String body = "message " + i;
        results.add(pool.submit(() -> inbox.aws(AwsEvent.sqs().withMessages(body))));
      }
      for (int i = 0; i < 16; i++) {
        LambdaResult result = results.get(i).get();
        assertThat(result.logs())
            .extracting(line -> line.path("message").asText())
            .containsExactly("got 059f36b4-87a3-44ab-83d2-661975830a7d: message " + i + " {}");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theFunctionInstanceIsCreatedOncePerReplay() {
    Replay counter = Replay.of(new Counter());

    counter.aws(AwsEvent.sqs());
    LambdaResult second = counter.aws(AwsEvent.sqs());

    assertThat(second.logs())
        .extracting(line -> line.path("message").asText())
        .containsExactly("3", "4");
  }

  /** Counts the messages it has seen. */
  static final class Counter implements MessageFunction {
    private int seen;

    @Override
    public synchronized void handle(dev.portablefunctions.Message message, Context context) {
      context.logger().info(String.valueOf(++seen));
    }
  }
}
