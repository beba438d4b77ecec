package dev.portablefunctions.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An Azure Functions app folder, loaded the way the Java worker loads it: the application jars at
 * its root and in {@code lib/} in one class loader, whose parent stands for the worker's own class
 * path. That parent holds only {@code azure-functions-java-core-library} ({@code ExecutionContext},
 * the HTTP types), which the worker provides and the app folder leaves out; everything else must
 * come from the folder.
 */
public final class AppFolder implements AutoCloseable {

  static final String ANNOTATIONS = "com.microsoft.azure.functions.annotation.";

  /**
   * The trigger metadata each extension sends for every message, so that a {@code @BindingName}
   * parameter always has a value (the worker fails an invocation whose {@code @BindingName} has
   * none). From the sources listed in adapter-azure's {@code events/azure/SOURCES.md}; {@code
   * MessageId} is set by Service Bus when the sender does not set it.
   */
  static final Map<String, Set<String>> ALWAYS_SENT =
      Map.of(
          "queueTrigger",
          Set.of(
              "Id",
              "DequeueCount",
              "InsertionTime",
              "ExpirationTime",
              "NextVisibleTime",
              "PopReceipt",
              "QueueTrigger"),
          "serviceBusTrigger",
          Set.of(
              "MessageId",
              "DeliveryCount",
              "EnqueuedTimeUtc",
              "ApplicationProperties",
              "SequenceNumber",
              "LockToken"),
          "eventHubTrigger",
          Set.of(
              "SystemPropertiesArray",
              "PropertiesArray",
              "SequenceNumberArray",
              "EnqueuedTimeUtcArray",
              "PartitionContext"),
          "blobTrigger",
          Set.of("BlobTrigger", "Properties", "Uri", "Metadata"),
          "httpTrigger",
          Set.of(),
          "timerTrigger",
          Set.of(),
          "eventGridTrigger",
          Set.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final URLClassLoader worker;
  final URLClassLoader app;

  /**
   * Loads an app folder.
   *
   * @param root the folder
   * @param workerLibrary the azure-functions-java-core-library jar, which the worker provides
   */
  public AppFolder(Path root, Path workerLibrary) {
    this.root = root;
    try {
      this.worker =
          new URLClassLoader(
              "worker",
              new URL[] {workerLibrary.toUri().toURL()},
              ClassLoader.getPlatformClassLoader());
      List<URL> urls = new ArrayList<>();
      for (Path jar : jars(root)) {
        urls.add(jar.toUri().toURL());
      }
      for (Path jar : jars(root.resolve("lib"))) {
        urls.add(jar.toUri().toURL());
      }
      this.app = new URLClassLoader("app", urls.toArray(new URL[0]), worker);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> jars(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each function's {@code function.json}, by function name. */
  public Map<String, JsonNode> functions() {
    Map<String, JsonNode> functions = new TreeMap<>();
    try (Stream<Path> folders = Files.list(root)) {
      for (Path folder : folders.filter(Files::isDirectory).collect(Collectors.toList())) {
        Path json = folder.resolve("function.json");
        if (Files.isRegularFile(json)) {
          functions.put(folder.getFileName().toString(), JSON.readTree(json.toFile()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return functions;
  }

  JsonNode hostJson() throws IOException {
    return JSON.readTree(root.resolve("host.json").toFile());
  }

  /** The trigger binding of a function.json. */
  static JsonNode trigger(JsonNode function) {
    for (JsonNode binding : function.path("bindings")) {
      if (binding.path("type").asText().endsWith("Trigger")) {
        return binding;
      }
    }
    throw new AssertionError("No trigger in " + function);
  }

  /**
   * Checks that the host and the worker can run a function: its scriptFile exists, its entryPoint
   * loads from this folder, is the only public method of that name (the worker refuses overloads),
   * has a public no-argument constructor or is static, and every parameter is bound the way the
   * worker binds it: an {@code ExecutionContext}, a binding annotation whose {@code name} is an
   * input binding of the function.json, or a {@code @BindingName} of metadata the trigger always
   * sends; the trigger is bound, a binary binding goes to bytes and a text HTTP body to a string,
   * and an {@code http} output binding is the return value.
   *
   * @return what is wrong; empty if nothing
   */
  public List<String> problems(String name, JsonNode function) {
    List<String> problems = new ArrayList<>();
    String scriptFile = function.path("scriptFile").asText();
    if (!scriptFile.startsWith("../")
        || !Files.isRegularFile(root.resolve(scriptFile.substring(3)))) {
      problems.add(name + ": scriptFile " + scriptFile + " is not a jar of the app folder");
    }
    String entryPoint = function.path("entryPoint").asText();
    int dot = entryPoint.lastIndexOf('.');
    Class<?> type;
    try {
      type = Class.forName(entryPoint.substring(0, dot), true, app);
    } catch (ClassNotFoundException | LinkageError e) {
      problems.add(name + ": entryPoint class does not load from the app folder: " + e);
      return problems;
    }
    String methodName = entryPoint.substring(dot + 1);
    List<Method> methods =
        Stream.of(type.getMethods())
            .filter(m -> m.getName().equals(methodName))
            .collect(Collectors.toList());
    if (methods.size() != 1) {
      problems.add(
          name
              + ": "
              + methods.size()
              + " public methods named "
              + entryPoint
              + "; the worker needs exactly one");
      return problems;
    }
    Method method = methods.get(0);
    if (!Modifier.isStatic(method.getModifiers())) {
      try {
        type.getConstructor();
      } catch (NoSuchMethodException e) {
        problems.add(name + ": " + type.getName() + " has no public no-argument constructor");
      }
    }
    JsonNode trigger = trigger(function);
    Set<String> always = ALWAYS_SENT.getOrDefault(trigger.path("type").asText(), Set.of());
    Class<?> executionContext = load("com.microsoft.azure.functions.ExecutionContext");
    boolean triggerBound = false;
    for (Parameter parameter : method.getParameters()) {
      String bindingName = null;
      String metadata = null;
      for (Annotation annotation : parameter.getAnnotations()) {
        String annotationType = annotation.annotationType().getName();
        if (!annotationType.startsWith(ANNOTATIONS)) {
          continue;
        }
        if (annotationType.equals(ANNOTATIONS + "BindingName")) {
          metadata = (String) attribute(annotation, "value");
        } else {
          bindingName = (String) attribute(annotation, "name");
        }
      }
      if (bindingName != null) {
        JsonNode binding = inputBinding(function, bindingName);
        if (binding == null) {
          problems.add(
              name
                  + ": parameter "
                  + parameter.getName()
                  + " is bound to '"
                  + bindingName
                  + "', which is not an input binding of function.json");
          continue;
        }
        if (binding == trigger) {
          triggerBound = true;
          String javaType = parameter.getParameterizedType().getTypeName();
          boolean binary = "binary".equals(binding.path("dataType").asText());
          if (binary && !javaType.contains("byte[]")) {
            problems.add(name + ": a binary trigger is bound to " + javaType);
          }
          if (!binary
              && binding.path("type").asText().equals("httpTrigger")
              && !javaType.contains("String")) {
            problems.add(
                name
                    + ": a text HTTP body is bound to "
                    + javaType
                    + "; the worker binds text only to String");
          }
        }
      } else if (metadata != null) {
        if (!always.contains(metadata)) {
          problems.add(
              name
                  + ": @BindingName(\""
                  + metadata
                  + "\") is not metadata that "
                  + trigger.path("type").asText()
                  + " always sends");
        }
      } else if (parameter.getType() != executionContext) {
        problems.add(
            name
                + ": parameter "
                + parameter.getName()
                + " ("
                + parameter.getType().getName()
                + ") carries no binding annotation the worker can read; is azure-functions-java-library in lib/?");
      }
    }
    if (!triggerBound) {
      problems.add(
          name + ": no parameter is bound to the trigger '" + trigger.path("name").asText() + "'");
    }
    boolean httpOut = false;
    for (JsonNode binding : function.path("bindings")) {
      httpOut |=
          binding.path("type").asText().equals("http")
              && binding.path("name").asText().equals("$return");
    }
    Class<?> response = load("com.microsoft.azure.functions.HttpResponseMessage");
    if (httpOut != response.isAssignableFrom(method.getReturnType())) {
      problems.add(
          name
              + ": an http $return binding needs an HttpResponseMessage return type and vice versa; "
              + method.getReturnType().getName());
    }
    return problems;
  }

  private static JsonNode inputBinding(JsonNode function, String name) {
    for (JsonNode binding : function.path("bindings")) {
      if (binding.path("name").asText().equals(name)
          && binding.path("direction").asText().equals("in")) {
        return binding;
      }
    }
    return null;
  }

  private static Object attribute(Annotation annotation, String name) {
    try {
      return annotation.annotationType().getMethod(name).invoke(annotation);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(annotation.annotationType().getName() + " has no " + name + "()", e);
    }
  }

  Class<?> load(String name) {
    try {
      return Class.forName(name, false, app);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(name + " does not load", e);
    }
  }

  static Object invoke(Object target, String method, Object... arguments) {
    for (Method candidate : target.getClass().getMethods()) {
      if (candidate.getName().equals(method) && candidate.getParameterCount() == arguments.length) {
        try {
          candidate.setAccessible(true);
          return candidate.invoke(target, arguments);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("Cannot call " + method, e);
        }
      }
    }
    throw new AssertionError(target.getClass() + " has no method " + method);
  }

  @Override
  public void close() throws IOException {
    app.close();
    worker.close();
  }
}
