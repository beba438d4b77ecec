package dev.portablefunctions.samples.api;

import java.util.List;
import java.util.Optional;

/**
 * Where books are kept, ordered by ISBN. Implementations must be thread-safe.
 *
 * <p>In production: a DynamoDB table keyed by ISBN (a conditional {@code PutItem}; pages with
 * {@code ExclusiveStartKey}), a Cosmos DB container (continuation tokens), a Firestore collection
 * ({@code startAfter}), or a relational table ({@code WHERE isbn > ? ORDER BY isbn LIMIT ?}).
 */
public interface BookStore {

  /**
   * Adds a book unless one with its ISBN exists.
   *
   * @param book the book
   * @return whether it was added
   * @throws Exception if the store cannot be reached
   */
  boolean add(Book book) throws Exception;

  /**
   * Finds a book.
   *
   * @param isbn its ISBN
   * @return the book, or empty
   * @throws Exception if the store cannot be reached
   */
  Optional<Book> find(String isbn) throws Exception;

  /**
   * Lists books in ISBN order.
   *
   * @param afterIsbn list books after this ISBN; empty to start at the first
   * @param limit the most to return
   * @return the books
   * @throws Exception if the store cannot be reached
   */
  List<Book> list(String afterIsbn, int limit) throws Exception;
}
