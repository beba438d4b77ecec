package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.Message;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import dev.portablefunctions.test.AwsEvent;
import dev.portablefunctions.test.EventKind;
import dev.portablefunctions.test.LambdaResult;
import dev.portablefunctions.test.ProviderEvents;
import dev.portablefunctions.test.ProviderTrigger;
import dev.portablefunctions.test.Replay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;

@ExtendWith(LocalFunctionsExtension.class)
class SignupTest {

  @Test
  void aMalformedMessageFailsAloneAndTheRestOfTheBatchIsProcessed(LocalInvoker invoker) {
    MessageReport report =
        invoker.messages(
            "signup",
            List.of(
                Message.of("m1", "{\"email\":\"ada@example.com\"}"),
                Message.of("m2", "not json"),
                Message.of("m3", "{\"email\":\"grace@example.com\"}")));

    assertThat(report.received()).isEqualTo(3);
    assertThat(report.failedIds()).containsExactly("m2");
    assertThat(report.failed().get(0).status()).isEqualTo(400);
    assertThat(invoker.logs())
        .anyMatch(line -> line.contains("welcome mail queued for ada@example.com"))
        .anyMatch(line -> line.contains("welcome mail queued for grace@example.com"));
  }

  /** The README's example: SQS's documented batch, its second message replaced by a poison one. */
  @Test
  void aPoisonMessageIsTheOnlySqsBatchItemFailure() {
    AwsEvent batch = AwsEvent.sqs().withMessages("{\"email\":\"ada@example.com\"}", "not json");
    LambdaResult result = Replay.function("signup").aws(batch);
    assertThat(result.batchItemFailures()).containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
  }

  /**
   * The same batch on every message trigger, each checked the provider's way: batchItemFailures on
   * SQS and Kinesis (with the rest of the stream or FIFO group), Lambda's error for SNS, a 500 to
   * Pub/Sub, an exception per Queue Storage or Service Bus message, the Event Hubs exception that
   * lists the failed sequence numbers.
   */
  @ParameterizedTest(name = "{0}")
  @ProviderEvents(EventKind.MESSAGE_BATCH)
  void aMalformedSignUpFailsAloneOnEveryCloud(ProviderTrigger trigger) {
    trigger
        .messages(
            Replay.function("signup"),
            "{\"email\":\"ada@example.com\"}",
            "not json",
            "{\"email\":\"grace@example.com\"}")
        .assertFailed(1);
  }
}
