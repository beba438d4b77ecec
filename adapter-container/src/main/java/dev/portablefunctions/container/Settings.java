package dev.portablefunctions.container;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The container server's own settings, from the environment. The function settings it shares with
 * the local server ({@code PORTABLE_FUNCTION}, {@code PORTABLE_MAX_BODY_BYTES}, {@code
 * PORTABLE_TIMEOUT_SECONDS}, {@code PORTABLE_LOG_LEVEL}) are read by {@link
 * dev.portablefunctions.local.LocalServer.Builder#environment}.
 */
record Settings(
    String host,
    int port,
    int concurrency,
    int queue,
    Duration headerTimeout,
    Duration bodyTimeout,
    long minBodyBytesPerSecond,
    Duration idleTimeout,
    Duration shutdownTimeout,
    int maxConnections,
    int maxHeaderBytes) {

  static final String PORT = "PORT";
  static final String HOST = "PORTABLE_HOST";
  static final String CONCURRENCY = "PORTABLE_CONCURRENCY";
  static final String QUEUE = "PORTABLE_QUEUE";
  static final String HEADER_TIMEOUT = "PORTABLE_HEADER_TIMEOUT_SECONDS";
  static final String BODY_TIMEOUT = "PORTABLE_BODY_TIMEOUT_SECONDS";
  static final String MIN_BODY_RATE = "PORTABLE_MIN_BODY_BYTES_PER_SECOND";
  static final String IDLE_TIMEOUT = "PORTABLE_IDLE_TIMEOUT_SECONDS";
  static final String SHUTDOWN = "PORTABLE_SHUTDOWN_SECONDS";
  static final String MAX_CONNECTIONS = "PORTABLE_MAX_CONNECTIONS";
  static final String MAX_HEADER_BYTES = "PORTABLE_MAX_HEADER_BYTES";

  Settings {
    Objects.requireNonNull(host, "host");
  }

  /** These settings on a free loopback port: the priming server's. */
  Settings onLoopback() {
    return new Settings(
        "127.0.0.1",
        0,
        concurrency,
        queue,
        headerTimeout,
        bodyTimeout,
        minBodyBytesPerSecond,
        idleTimeout,
        shutdownTimeout,
        maxConnections,
        maxHeaderBytes);
  }

  /** Reads the variables; unset or blank ones take their defaults. */
  static Settings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "environment");
    return new Settings(
        text(env, HOST, "0.0.0.0"),
        number(env, PORT, 8080, 0, 65535),
        number(env, CONCURRENCY, 80, 1, 10_000),
        number(env, QUEUE, 1000, 0, 100_000),
        Duration.ofSeconds(number(env, HEADER_TIMEOUT, 10, 1, 3600)),
        Duration.ofSeconds(number(env, BODY_TIMEOUT, 30, 1, 3600)),
        number(env, MIN_BODY_RATE, 1024, 0, Integer.MAX_VALUE),
        Duration.ofSeconds(number(env, IDLE_TIMEOUT, 30, 1, 3600)),
        Duration.ofSeconds(number(env, SHUTDOWN, 10, 0, 3600)),
        number(env, MAX_CONNECTIONS, 5000, 1, 1_000_000),
        number(env, MAX_HEADER_BYTES, 16 * 1024, 1024, 1024 * 1024));
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException malformed) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'.");
  }
}
