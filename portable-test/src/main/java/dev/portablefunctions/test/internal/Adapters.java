package dev.portablefunctions.test.internal;

import dev.portablefunctions.FunctionLogger;
import dev.portablefunctions.aws.LambdaHandler;
import dev.portablefunctions.azure.AzureFunctions;
import dev.portablefunctions.gcp.GcpEventFunction;
import dev.portablefunctions.gcp.GcpHttpFunction;
import dev.portablefunctions.spi.FunctionDefinition;
import dev.portablefunctions.spi.FunctionRegistry;
import dev.portablefunctions.spi.LogWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates each adapter's entry point the way its platform does, but with the selection, the
 * environment and the log sink given here instead of read from the process.
 *
 * <p>The adapters' public constructors read {@code System.getenv()} and write to {@code
 * System.out}, which a unit test can neither set nor separate per invocation. Each adapter also has
 * a package-private constructor or factory that takes those as arguments (its own tests use them);
 * this class calls exactly those, by reflection, so that what runs is the adapter's own selection,
 * start-up and invocation code. Every signature used is listed here, and the kit's tests call each
 * one: a change in an adapter fails the kit's build, not a user's test.
 *
 * <ul>
 *   <li>AWS: {@code LambdaHandler(FunctionDefinition, LogWriter, Level, boolean rawEvents)}, {@code
 *       CloudWatchLogFormat.writer(Consumer<String>)} and {@code
 *       CloudWatchLogFormat.threshold(Function<String, String>)};
 *   <li>Google Cloud: {@code Deployment.of(Entry, Supplier<FunctionRegistry>, Map<String, String>
 *       environment, Consumer<String>, Level)}, {@code GcpHttpFunction(Deployment)}, {@code
 *       GcpEventFunction(Deployment)};
 *   <li>Azure: {@code Dispatcher(Supplier<FunctionRegistry>, Clock, Level, String routePrefix)},
 *       {@code Dispatcher.routePrefix(Function<String, String>)}, {@code
 *       AzureFunctions(Dispatcher)}.
 * </ul>
 */
public final class Adapters {

  private Adapters() {}

  // ---------------------------------------------------------------- AWS

  private static final class Aws {
    static final Constructor<LambdaHandler> HANDLER =
        constructor(
            LambdaHandler.class,
            FunctionDefinition.class,
            LogWriter.class,
            FunctionLogger.Level.class,
            boolean.class);
    static final Method WRITER =
        method("dev.portablefunctions.aws.CloudWatchLogFormat", "writer", Consumer.class);
    static final Method THRESHOLD =
        method("dev.portablefunctions.aws.CloudWatchLogFormat", "threshold", Function.class);
  }

  /**
   * A Lambda handler serving one function, as the Lambda runtime creates it in the init phase.
   *
   * @param function the selected function
   * @param environment the function's environment variables
   * @param out where the handler's CloudWatch log lines go
   * @return the handler
   * @throws IllegalStateException if the function cannot be created (Lambda's init error)
   */
  public static LambdaHandler lambdaHandler(
      FunctionDefinition function, Map<String, String> environment, Consumer<String> out) {
    LogWriter writer = (LogWriter) call(Aws.WRITER, null, out);
    Function<String, String> variables = environment::get;
    FunctionLogger.Level threshold = (FunctionLogger.Level) call(Aws.THRESHOLD, null, variables);
    boolean rawEvents =
        "true".equalsIgnoreCase(String.valueOf(environment.get("PORTABLE_RAW_EVENTS")).trim());
    return create(Aws.HANDLER, function, writer, threshold, rawEvents);
  }

  // ---------------------------------------------------------------- Google Cloud

  private static final class Gcp {
    static final Class<?> DEPLOYMENT = type("dev.portablefunctions.gcp.Deployment");
    static final Class<?> ENTRY = type("dev.portablefunctions.gcp.Deployment$Entry");
    static final Method OF =
        method(
            DEPLOYMENT,
            "of",
            ENTRY,
            Supplier.class,
            Map.class,
            Consumer.class,
            FunctionLogger.Level.class);
    static final Constructor<GcpHttpFunction> HTTP = constructor(GcpHttpFunction.class, DEPLOYMENT);
    static final Constructor<GcpEventFunction> EVENT =
        constructor(GcpEventFunction.class, DEPLOYMENT);

    static Object entry(String name) {
      for (Object constant : ENTRY.getEnumConstants()) {
        if (constant instanceof Enum<?> entry && entry.name().equals(name)) {
          return constant;
        }
      }
      throw new IllegalStateException("adapter-gcp has no Deployment.Entry." + name);
    }
  }

  /**
   * The Cloud Functions HTTP entry point, as the invoker constructs it before opening its port.
   *
   * @param registry the functions
   * @param environment the deployment's environment, with PORTABLE_FUNCTION
   * @param out where the Cloud Logging lines go
   * @param threshold the lowest level logged
   * @return the entry point
   * @throws IllegalStateException if the deployment cannot start (logged first, as on the platform)
   */
  public static GcpHttpFunction gcpHttp(
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      Consumer<String> out,
      FunctionLogger.Level threshold) {
    Object deployment =
        call(Gcp.OF, null, Gcp.entry("HTTP"), registry, environment, out, threshold);
    return create(Gcp.HTTP, deployment);
  }

  /**
   * The Cloud Functions CloudEvent entry point, as the invoker constructs it.
   *
   * @param registry the functions
   * @param environment the deployment's environment, with PORTABLE_FUNCTION
   * @param out where the Cloud Logging lines go
   * @param threshold the lowest level logged
   * @return the entry point
   * @throws IllegalStateException if the deployment cannot start (logged first, as on the platform)
   */
  public static GcpEventFunction gcpEvent(
      Supplier<FunctionRegistry> registry,
      Map<String, String> environment,
      Consumer<String> out,
      FunctionLogger.Level threshold) {
    Object deployment =
        call(Gcp.OF, null, Gcp.entry("EVENT"), registry, environment, out, threshold);
    return create(Gcp.EVENT, deployment);
  }

  // ---------------------------------------------------------------- Azure

  private static final class Azure {
    static final Class<?> DISPATCHER = type("dev.portablefunctions.azure.Dispatcher");
    static final Constructor<?> NEW_DISPATCHER =
        constructor(
            DISPATCHER, Supplier.class, Clock.class, FunctionLogger.Level.class, String.class);
    static final Method ROUTE_PREFIX = method(DISPATCHER, "routePrefix", Function.class);
    static final Constructor<AzureFunctions> FUNCTIONS =
        constructor(AzureFunctions.class, DISPATCHER);
  }

  /**
   * The object whose methods the Azure Functions Java worker calls, over a registry and app
   * settings of the kit's choosing.
   *
   * @param registry the functions
   * @param appSettings the app settings
   * @param threshold the lowest level logged
   * @return the entry points
   */
  public static AzureFunctions azureFunctions(
      Supplier<FunctionRegistry> registry,
      Map<String, String> appSettings,
      FunctionLogger.Level threshold) {
    Function<String, String> settings = appSettings::get;
    String routePrefix = (String) call(Azure.ROUTE_PREFIX, null, settings);
    Object dispatcher =
        create(Azure.NEW_DISPATCHER, registry, Clock.systemUTC(), threshold, routePrefix);
    return create(Azure.FUNCTIONS, dispatcher);
  }

  // ---------------------------------------------------------------- reflection

  private static Class<?> type(String name) {
    try {
      return Class.forName(name, false, Adapters.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw incompatible(name, e);
    }
  }

  private static Method method(String owner, String name, Class<?>... parameters) {
    return method(type(owner), name, parameters);
  }

  private static Method method(Class<?> owner, String name, Class<?>... parameters) {
    try {
      return accessible(owner.getDeclaredMethod(name, parameters));
    } catch (NoSuchMethodException | RuntimeException e) {
      throw incompatible(owner.getName() + "." + name, e);
    }
  }

  private static <T> Constructor<T> constructor(Class<T> owner, Class<?>... parameters) {
    try {
      return accessible(owner.getDeclaredConstructor(parameters));
    } catch (NoSuchMethodException | RuntimeException e) {
      throw incompatible(owner.getName() + " constructor", e);
    }
  }

  private static <T extends Executable> T accessible(T executable) {
    executable.setAccessible(true);
    return executable;
  }

  private static IllegalStateException incompatible(String what, Exception cause) {
    return new IllegalStateException(
        "portable-test cannot reach "
            + what
            + " in the adapters on the classpath: use the adapters of the same Portable Functions"
            + " version as portable-test (the BOM aligns them).",
        cause);
  }

  private static Object call(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (IllegalAccessException e) {
      throw incompatible(method.getName(), e);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    }
  }

  private static <T> T create(Constructor<T> constructor, Object... arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (InstantiationException | IllegalAccessException e) {
      throw incompatible(constructor.getName(), e);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
  }
}
