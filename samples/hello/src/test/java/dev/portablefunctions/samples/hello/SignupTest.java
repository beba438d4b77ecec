package dev.portablefunctions.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.Message;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
}
