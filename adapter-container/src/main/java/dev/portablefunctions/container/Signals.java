package dev.portablefunctions.container;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGTERM and SIGINT handling. On those signals the JVM runs its shutdown hooks and exits with
 * status 143 or 130 (128 + the signal), which a container platform reports as a failure; here the
 * signal runs a graceful stop, then exits with status 0. It uses {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}), reflectively so that the build has no proprietary-API warning; where it
 * is missing, the shutdown hook still stops the server gracefully, with the JVM's status.
 */
final class Signals {

  private Signals() {}

  /**
   * Runs {@code stop} on a new thread on the first SIGTERM or SIGINT.
   *
   * @return whether the handlers were installed
   */
  static boolean onTermination(Runnable stop) {
    Runnable once =
        new Runnable() {
          private boolean started;

          @Override
          public synchronized void run() {
            if (!started) {
              started = true;
              Thread thread = new Thread(stop, "portable-functions-stop");
              // The signal's thread is a daemon: without this the JVM could end as soon as Jetty's
              // threads have stopped, before the stop finishes.
              thread.setDaemon(false);
              thread.start();
            }
          }
        };
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Constructor<?> signal = signalType.getConstructor(String.class);
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, arguments) -> {
                if (method.getName().equals("handle")) {
                  once.run();
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == arguments[0];
                  default -> "portable-functions signal handler";
                };
              });
      for (String name : new String[] {"TERM", "INT"}) {
        handle.invoke(null, signal.newInstance(name), handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
      return false; // the shutdown hook covers it
    }
  }
}
