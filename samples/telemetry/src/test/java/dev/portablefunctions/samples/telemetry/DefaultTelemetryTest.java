package dev.portablefunctions.samples.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.Message;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The functions as the adapters create them: from the build-time index, on the default wiring. */
@ExtendWith(LocalFunctionsExtension.class)
class DefaultTelemetryTest {

  @Test
  void ingestsOnTheDefaultWiring(LocalInvoker invoker) {
    Message reading =
        Message.builder("1")
            .orderingKey("default-test")
            .body(
                "{\"deviceId\":\"default-test\",\"time\":\"" + Instant.now() + "\",\"celsius\":20}")
            .build();

    assertThat(invoker.message("ingest-readings", reading).allSucceeded()).isTrue();
    assertThat(invoker.logs()).noneMatch(line -> line.contains("rejected"));
  }

  @Test
  void theThresholdComesFromTheEnvironment() {
    assertThat(Telemetry.alertCelsius(null)).isEqualTo(Telemetry.DEFAULT_ALERT_CELSIUS);
    assertThat(Telemetry.alertCelsius(" 75.5 ")).isEqualTo(75.5);
    assertThatThrownBy(() -> Telemetry.alertCelsius("hot"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Telemetry.ALERT_CELSIUS_VARIABLE);
  }
}
