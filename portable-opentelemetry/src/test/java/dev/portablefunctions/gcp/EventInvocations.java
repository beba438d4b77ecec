package dev.portablefunctions.gcp;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.Instrumentation;
import io.cloudevents.CloudEvent;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs CloudEvents through the real {@link GcpEventFunction}, with the instrumentation its
 * production constructor loads, for the OpenTelemetry tests. In this package to reach the entry
 * class's test constructor.
 */
public final class EventInvocations {

  private EventInvocations() {}

  /** Delivers one CloudEvent as the Functions Framework invoker does. */
  public static void accept(FunctionDefinition function, CloudEvent event, Consumer<String> logs) {
    FunctionRegistry registry = FunctionRegistry.of(function);
    new GcpEventFunction(
            Deployment.of(
                Deployment.Entry.EVENT,
                () -> registry,
                Map.of(),
                logs,
                FunctionLogger.Level.INFO,
                Instrumentation.load(GcpEventFunction.class.getClassLoader())))
        .accept(event);
  }
}
