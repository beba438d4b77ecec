package dev.portablefunctions.spi;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Invocation ids for adapters whose provider sends none: random (version 4) UUIDs drawn from {@link
 * ThreadLocalRandom}, mixed with a per-process seed. An id must be unique, not secret, and {@code
 * UUID.randomUUID()} would seed {@code SecureRandom} on the first invocation of every instance
 * (tens of milliseconds of cold start).
 *
 * <p>Copies of one process restored from a snapshot (SnapStart, CRaC) start with the same random
 * state; an adapter's {@code afterRestore} calls {@link #reseed()} so that their ids differ.
 * Thread-safe.
 */
public final class InvocationIds {

  private static volatile long salt = seed();

  private InvocationIds() {}

  /**
   * Returns a new random id.
   *
   * @return a version 4 UUID in its canonical text form
   */
  public static String random() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = ((random.nextLong() ^ salt) & ~0xF000L) | 0x4000L;
    long low =
        ((random.nextLong() ^ Long.rotateLeft(salt, 32)) & 0x3FFFFFFFFFFFFFFFL)
            | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** Draws a new seed: call after a restore from a snapshot. */
  public static void reseed() {
    salt = seed();
  }

  private static long seed() {
    // Restored copies restore at different instants: nanoTime and the wall clock differ between
    // them.
    long z = System.nanoTime() * 0x9E3779B97F4A7C15L ^ System.currentTimeMillis();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }
}
