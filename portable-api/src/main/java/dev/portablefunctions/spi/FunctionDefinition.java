package dev.portablefunctions.spi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.portablefunctions.EventFunction;
import dev.portablefunctions.HttpFunction;
import dev.portablefunctions.MessageFunction;
import dev.portablefunctions.PortableFunction;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.TypedFunction;
import dev.portablefunctions.internal.Names;
import io.cloudevents.CloudEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One function an artifact offers: its name, its {@link FunctionKind}, and how to create it.
 *
 * <p>The instance is created on first use of {@link #instance()}, once, so a deployment that
 * selects one of several functions creates only that one. Thread-safe.
 */
public final class FunctionDefinition {

  private final String name;
  private final FunctionKind kind;
  private final String className;
  private final String inputTypeName;
  private final Supplier<Object> factory;
  private final ClassLoader loader;
  private volatile JavaType inputType;
  private volatile Object instance;

  private FunctionDefinition(
      String name,
      FunctionKind kind,
      String className,
      String inputTypeName,
      JavaType inputType,
      Supplier<Object> factory,
      ClassLoader loader) {
    if (!Names.isValid(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException(
          "Invalid function name '" + name + "': use " + Names.rule() + ".");
    }
    this.name = name;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.className = Objects.requireNonNull(className, "className");
    this.inputTypeName = inputTypeName;
    this.inputType = inputType;
    this.factory = factory;
    this.loader = loader;
  }

  /**
   * Defines a function recorded in a build-time index. Called by generated code.
   *
   * @param name the function's name
   * @param kind its kind
   * @param className its class's binary name
   * @param inputType for {@link FunctionKind#TYPED}, the canonical input type as Jackson's {@code
   *     TypeFactory.constructFromCanonical} reads it; otherwise null
   * @param index the index that creates it
   * @return the definition
   */
  public static FunctionDefinition indexed(
      String name, FunctionKind kind, String className, String inputType, FunctionIndex index) {
    Objects.requireNonNull(index, "index");
    if ((kind == FunctionKind.TYPED) != (inputType != null)) {
      throw new IllegalArgumentException(
          "inputType is required for, and only for, typed functions");
    }
    return new FunctionDefinition(
        name,
        kind,
        className,
        inputType,
        null,
        () -> index.newInstance(name),
        index.getClass().getClassLoader());
  }

  /**
   * Defines an HTTP function from an instance, for tests and hand-wired registries.
   *
   * @param name the name
   * @param function the function
   * @return the definition
   */
  public static FunctionDefinition http(String name, HttpFunction function) {
    return ofInstance(name, FunctionKind.HTTP, function, null);
  }

  /**
   * Defines a message function from an instance.
   *
   * @param name the name
   * @param function the function
   * @return the definition
   */
  public static FunctionDefinition message(String name, MessageFunction function) {
    return ofInstance(name, FunctionKind.MESSAGE, function, null);
  }

  /**
   * Defines a typed function from an instance (a lambda, say, whose input type cannot be read from
   * its class).
   *
   * @param name the name
   * @param inputType the input type
   * @param function the function
   * @param <I> the input type
   * @return the definition
   */
  public static <I> FunctionDefinition typed(
      String name, Class<I> inputType, TypedFunction<I, ?> function) {
    Objects.requireNonNull(inputType, "inputType");
    return ofInstance(
        name,
        FunctionKind.TYPED,
        function,
        Json.mapper().getTypeFactory().constructType(inputType));
  }

  /**
   * Defines an event function from an instance.
   *
   * @param name the name
   * @param eventType {@link StorageEvent}, {@link ScheduleEvent} or {@link CloudEvent}
   * @param function the function
   * @param <E> the event type
   * @return the definition
   * @throws IllegalArgumentException for any other event type
   */
  public static <E> FunctionDefinition event(
      String name, Class<E> eventType, EventFunction<E> function) {
    return ofInstance(name, eventKind(eventType), function, null);
  }

  /**
   * Defines a function from an instance of a class that implements exactly one function interface
   * with concrete type arguments. The name is the class's {@link PortableFunction} value or its
   * simple name in kebab case. Uses reflection on the one class: meant for tests; deployments use
   * the build-time index.
   *
   * @param function the function
   * @return the definition
   * @throws IllegalArgumentException if the class is not exactly one function shape, or its type
   *     arguments cannot be read
   */
  public static FunctionDefinition of(Object function) {
    Objects.requireNonNull(function, "function");
    Class<?> type = function.getClass();
    if (type.isSynthetic() || type.getSimpleName().contains("$$Lambda")) {
      throw new IllegalArgumentException(
          "A lambda has no class name to name it by; define it with FunctionDefinition.http,"
              + " .message, .typed or .event and a name instead.");
    }
    PortableFunction annotation = type.getAnnotation(PortableFunction.class);
    String name = annotation != null ? annotation.value() : Names.kebabCase(type.getSimpleName());
    int shapes =
        (function instanceof HttpFunction ? 1 : 0)
            + (function instanceof TypedFunction ? 1 : 0)
            + (function instanceof EventFunction ? 1 : 0)
            + (function instanceof MessageFunction ? 1 : 0);
    if (shapes != 1) {
      throw new IllegalArgumentException(
          type.getName()
              + " must implement exactly one of HttpFunction, TypedFunction, EventFunction and"
              + " MessageFunction; it implements "
              + shapes);
    }
    if (function instanceof HttpFunction) {
      return ofInstance(name, FunctionKind.HTTP, function, null);
    }
    if (function instanceof MessageFunction) {
      return ofInstance(name, FunctionKind.MESSAGE, function, null);
    }
    Class<?> iface = function instanceof TypedFunction ? TypedFunction.class : EventFunction.class;
    JavaType[] arguments =
        Json.mapper().getTypeFactory().constructType(type).findTypeParameters(iface);
    if (arguments.length == 0 || arguments[0].getRawClass() == Object.class) {
      throw new IllegalArgumentException(
          "Cannot read the type argument of "
              + iface.getSimpleName()
              + " from "
              + type.getName()
              + " (a lambda or raw type?); use FunctionDefinition."
              + (iface == TypedFunction.class ? "typed" : "event")
              + "(name, type, function) instead.");
    }
    if (iface == TypedFunction.class) {
      return ofInstance(name, FunctionKind.TYPED, function, arguments[0]);
    }
    return ofInstance(name, eventKind(arguments[0].getRawClass()), function, null);
  }

  private static FunctionDefinition ofInstance(
      String name, FunctionKind kind, Object function, JavaType inputType) {
    Objects.requireNonNull(function, "function");
    return new FunctionDefinition(
        name,
        kind,
        function.getClass().getName(),
        inputType == null ? null : inputType.toCanonical(),
        inputType,
        () -> function,
        null);
  }

  /**
   * Returns the kind an {@link EventFunction}'s type argument makes it.
   *
   * @param eventType the type argument
   * @return the kind
   * @throws IllegalArgumentException if the type is not a supported event type
   */
  public static FunctionKind eventKind(Class<?> eventType) {
    Objects.requireNonNull(eventType, "eventType");
    if (eventType == StorageEvent.class) {
      return FunctionKind.STORAGE;
    }
    if (eventType == ScheduleEvent.class) {
      return FunctionKind.SCHEDULE;
    }
    if (eventType == CloudEvent.class) {
      return FunctionKind.CLOUD_EVENT;
    }
    throw new IllegalArgumentException(
        "EventFunction takes StorageEvent, ScheduleEvent or io.cloudevents.CloudEvent, not "
            + eventType.getName());
  }

  /**
   * Returns the function's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the function's kind.
   *
   * @return the kind
   */
  public FunctionKind kind() {
    return kind;
  }

  /**
   * Returns the binary name of the function's class.
   *
   * @return the class name
   */
  public String className() {
    return className;
  }

  /**
   * Returns a typed function's input type, resolved on first use (for an indexed function, in the
   * class loader of its index, whatever the calling thread's context class loader).
   *
   * @return the type, or empty for other kinds
   * @throws IllegalStateException if the recorded type cannot be loaded
   */
  public Optional<JavaType> inputType() {
    if (kind != FunctionKind.TYPED) {
      return Optional.empty();
    }
    JavaType type = inputType;
    if (type == null) {
      try {
        TypeFactory types = Json.mapper().getTypeFactory();
        if (loader != null) {
          types = types.withClassLoader(loader);
        }
        type = types.constructFromCanonical(inputTypeName);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "Cannot load the input type " + inputTypeName + " of function " + name, e);
      }
      inputType = type;
    }
    return Optional.of(type);
  }

  /**
   * Returns the function, creating it on first call.
   *
   * @return the function instance
   * @throws IllegalStateException if its constructor fails
   */
  public Object instance() {
    Object result = instance;
    if (result == null) {
      synchronized (this) {
        result = instance;
        if (result == null) {
          try {
            result = Objects.requireNonNull(factory.get(), "factory returned null");
          } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                "Cannot create function " + name + " (" + className + "): " + e, e);
          }
          instance = result;
        }
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return name + " (" + kind.description() + ", " + className + ")";
  }
}
