package dev.portablefunctions.maven.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import dev.portablefunctions.azure.AzureFunctions;
import dev.portablefunctions.spi.FunctionKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generator and adapter-azure share no code, only names; this checks them against each other.
 * Each trigger's {@code entryPoint} names one public method of {@link AzureFunctions} whose trigger
 * parameter carries the annotation the worker matches, by {@code name}, with the binding the
 * generator writes; the app settings the generator gives are those the adapter reads. (The
 * reference module's integration test checks the entry points from a packaged app folder.)
 */
class EntryPointsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<AzureFunction> FUNCTIONS =
      List.of(
          AzureFunction.of("a", FunctionKind.HTTP, AzureTrigger.http()),
          AzureFunction.of("b", FunctionKind.HTTP, AzureTrigger.http().withBinaryBody()),
          AzureFunction.of("a2", FunctionKind.HTTP, AzureTrigger.http().withRoute("x/{id}")),
          AzureFunction.of(
              "b2", FunctionKind.HTTP, AzureTrigger.http().withRoute("y").withBinaryBody()),
          AzureFunction.of("c", FunctionKind.MESSAGE, AzureTrigger.queue("q-1", "S")),
          AzureFunction.of("d", FunctionKind.MESSAGE, AzureTrigger.serviceBusQueue("q", "S")),
          AzureFunction.of("e", FunctionKind.MESSAGE, AzureTrigger.serviceBusTopic("t", "s", "S")),
          AzureFunction.of("f", FunctionKind.MESSAGE, AzureTrigger.eventHub("h", "S")),
          AzureFunction.of("g", FunctionKind.STORAGE, AzureTrigger.blob("c/{name}", "S")),
          AzureFunction.of("h", FunctionKind.SCHEDULE, AzureTrigger.timer("0 0 * * * *")),
          AzureFunction.of("i", FunctionKind.CLOUD_EVENT, AzureTrigger.eventGrid()));

  @Test
  void theEntryPointsAreMethodsOfTheAdaptersEntryClass() throws Exception {
    AzureApp app = AzureApp.builder("app.jar").functions(FUNCTIONS).build();
    for (AzureFunction function : FUNCTIONS) {
      String entryPoint =
          JSON.readTree(app.functionJson(function.name())).path("entryPoint").asText();
      assertThat(entryPoint.substring(0, entryPoint.lastIndexOf('.')))
          .isEqualTo(AzureFunction.ENTRY_CLASS)
          .isEqualTo(AzureFunctions.class.getName());
    }
  }

  @Test
  void theAppSettingsAreThoseTheAdapterReads() {
    assertThat(AzureApp.ROUTE_PREFIX_SETTING).isEqualTo(AzureFunctions.ROUTE_PREFIX_SETTING);
    assertThat(AzureApp.HOST_ROUTE_PREFIX_SETTING)
        .isEqualTo(AzureFunctions.HOST_ROUTE_PREFIX_SETTING);
    assertThat(AzureApp.DEFAULT_ROUTE_PREFIX).isEqualTo(AzureFunctions.DEFAULT_ROUTE_PREFIX);
    AzureFunction echo = AzureFunction.of("echo-http", FunctionKind.HTTP, AzureTrigger.http());
    assertThat(AzureApp.builder("app.jar").routePrefix("v1").function(echo).build().appSettings())
        .containsExactly(Map.entry(AzureFunctions.ROUTE_PREFIX_SETTING, "v1"));
  }

  @Test
  void everyPublicMethodIsTheEntryPointOfATrigger() throws Exception {
    AzureApp app = AzureApp.builder("app.jar").functions(FUNCTIONS).build();
    Set<String> entryPoints = new HashSet<>();
    for (AzureFunction function : FUNCTIONS) {
      String entryPoint =
          JSON.readTree(app.functionJson(function.name())).path("entryPoint").asText();
      entryPoints.add(entryPoint.substring(entryPoint.lastIndexOf('.') + 1));
    }
    assertThat(
            Stream.of(AzureFunctions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName))
        .containsExactlyInAnyOrderElementsOf(entryPoints);
  }

  @Test
  void everyEntryPointIsOneAnnotatedPublicMethod() throws Exception {
    AzureApp app = AzureApp.builder("app.jar").functions(FUNCTIONS).build();
    assertThat(AzureFunctions.class.getConstructor()).isNotNull();
    for (AzureFunction function : FUNCTIONS) {
      JsonNode json = JSON.readTree(app.functionJson(function.name()));
      String entryPoint = json.path("entryPoint").asText();
      String methodName = entryPoint.substring(entryPoint.lastIndexOf('.') + 1);
      List<Method> methods =
          Stream.of(AzureFunctions.class.getMethods())
              .filter(m -> m.getName().equals(methodName))
              .collect(Collectors.toList());
      assertThat(methods).as(entryPoint).hasSize(1);
      Method method = methods.get(0);
      assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
      JsonNode trigger = json.path("bindings").get(0);
      int bound = 0;
      for (Parameter parameter : method.getParameters()) {
        Annotation[] annotations = parameter.getAnnotations();
        if (parameter.getType() == ExecutionContext.class) {
          assertThat(annotations).isEmpty();
        } else {
          assertThat(annotations).as(entryPoint + " " + parameter).hasSize(1);
          Annotation annotation = annotations[0];
          if (!(annotation instanceof BindingName)) {
            assertThat(annotation.annotationType().getMethod("name").invoke(annotation))
                .as(entryPoint)
                .isEqualTo(trigger.path("name").asText());
            String dataType =
                (String) annotation.annotationType().getMethod("dataType").invoke(annotation);
            assertThat(dataType).as(entryPoint).isEqualTo(trigger.path("dataType").asText(""));
            bound++;
          }
        }
      }
      assertThat(bound).as(entryPoint).isEqualTo(1);
    }
  }
}
