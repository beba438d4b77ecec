package dev.portablefunctions.samples.api;

import java.util.Objects;

/**
 * What {@link Books} needs from outside: the store, the pricing service and the CORS policy. The
 * function takes one in its constructor, so a test hands it a fresh store, a local pricing stub and
 * its own policy; its public no-argument constructor (the one the adapters call, once per process)
 * takes {@link #defaults()}.
 *
 * @param books the books
 * @param pricing the pricing service
 * @param cors the CORS policy
 */
public record Library(BookStore books, PricingClient pricing, Cors cors) {

  /**
   * Checks the components.
   *
   * @param books the books
   * @param pricing the pricing service
   * @param cors the CORS policy
   */
  public Library {
    Objects.requireNonNull(books, "books");
    Objects.requireNonNull(pricing, "pricing");
    Objects.requireNonNull(cors, "cors");
  }

  /**
   * Returns a library with an empty in-memory store: thread-safe, lost when the process ends, and
   * not shared between the instances a cloud runs. For tests and {@code mvn portable:run}.
   *
   * @param pricing the pricing service
   * @param cors the CORS policy
   * @return the library
   */
  public static Library inMemory(PricingClient pricing, Cors cors) {
    return new Library(new InMemoryBookStore(), pricing, cors);
  }

  /**
   * Returns the library of this process, created on first use: the pricing service at {@value
   * PricingClient#URL_VARIABLE}, the origins of {@value Cors#ORIGINS_VARIABLE}.
   *
   * <p><b>This is the one place to change for a deployment</b>: the store is {@linkplain #inMemory
   * in memory}; return one backed by DynamoDB, Cosmos DB, Firestore or SQL instead, its client
   * created once here.
   *
   * @return the shared library
   */
  public static Library defaults() {
    return Defaults.LIBRARY;
  }

  /** Holds the default library: created when first asked for, once. */
  private static final class Defaults {
    static final Library LIBRARY =
        inMemory(PricingClient.fromEnvironment(), Cors.fromEnvironment());
  }
}
