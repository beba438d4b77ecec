package dev.portablefunctions.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.spi.FunctionRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AzureFunctionsInitTest {

  @Test
  void preparingLoadsTheFunctionIndexOnceBeforeAnyInvocation() {
    AtomicInteger loads = new AtomicInteger();
    Dispatcher dispatcher =
        new Dispatcher(
            () -> {
              loads.incrementAndGet();
              return FunctionRegistry.load(AzureFunctionsInitTest.class.getClassLoader());
            },
            Clock.systemUTC(),
            FunctionLogger.Level.INFO);
    assertThat(dispatcher.loaded()).isFalse();

    dispatcher.prepare();

    assertThat(dispatcher.loaded()).isTrue();
    assertThat(loads).hasValue(1);
  }

  @Test
  void anIndexThatCannotLoadIsLeftForTheInvocationsToReport() {
    Dispatcher dispatcher =
        new Dispatcher(
            () -> {
              throw new IllegalStateException("broken index");
            },
            Clock.systemUTC(),
            FunctionLogger.Level.INFO);

    dispatcher.prepare();

    assertThat(dispatcher.loaded()).isFalse();
  }
}
