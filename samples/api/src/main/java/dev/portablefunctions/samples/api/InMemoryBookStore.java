package dev.portablefunctions.samples.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Books in a concurrent sorted map. Thread-safe. */
final class InMemoryBookStore implements BookStore {

  private final ConcurrentNavigableMap<String, Book> books = new ConcurrentSkipListMap<>();

  @Override
  public boolean add(Book book) {
    return books.putIfAbsent(book.isbn(), book) == null;
  }

  @Override
  public Optional<Book> find(String isbn) {
    return Optional.ofNullable(books.get(isbn));
  }

  @Override
  public List<Book> list(String afterIsbn, int limit) {
    return books.tailMap(afterIsbn, false).values().stream().limit(limit).toList();
  }
}
