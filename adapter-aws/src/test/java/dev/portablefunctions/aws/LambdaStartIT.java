package dev.portablefunctions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InitError;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deployment that cannot start fails Lambda's init phase with a message that says why. */
class LambdaStartIT {

  private static void assertInitError(ServedFunction served, String... fragments) {
    Optional<InitError> initError = served.api().awaitInitError(ServedFunction.WAIT);
    assertThat(initError).as(served.runtime().output()).isPresent();
    assertThat(initError.get().errorType()).isEqualTo("Runtime.BadFunctionCode");
    JsonNode error = ServedFunction.parse(initError.get().body());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    for (String fragment : fragments) {
      assertThat(error.get("errorMessage").asText()).contains(fragment);
    }
    assertThat(served.runtime().awaitExit(ServedFunction.WAIT)).hasValue(1);
    assertThat(served.api().nextInvocationPolls()).isZero();
  }

  @Test
  void anUnknownPortableFunctionIsAnInitErrorListingTheFunctions() {
    try (ServedFunction served = ServedFunction.start("no-such-function")) {
      InvocationResult pending = served.invoke(Events.text("apigw-http-v2.json"));

      assertThat(pending.outcome()).isEqualTo(InvocationResult.Outcome.INIT_ERROR);
      assertInitError(
          served,
          "LambdaHandler cannot start: PORTABLE_FUNCTION='no-such-function' matches no function",
          "echo-http (an HTTP function)",
          "echo-typed (a typed function)");
    }
  }

  @Test
  void severalFunctionsWithoutASelectionIsAnInitErrorNamingTheVariable() {
    try (ServedFunction served = ServedFunction.start(null)) {
      assertInitError(served, "set PORTABLE_FUNCTION to the one to run", "echo-message");
    }
  }

  @Test
  void aFunctionWhoseConstructorThrowsIsAnInitError() {
    try (ServedFunction served = ServedFunction.start("broken-constructor")) {
      assertInitError(
          served,
          "LambdaHandler cannot start: Cannot create function broken-constructor",
          "DATABASE_URL is not set");
    }
  }
}
