package dev.portablefunctions.samples.api;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * A book, as stored and as the API reads and writes it.
 *
 * <pre>{@code
 * {"isbn": "9780134685991", "title": "Effective Java", "author": "Joshua Bloch", "year": 2018}
 * }</pre>
 *
 * <p>Components are null when the JSON leaves them out; {@link #problems} says what is wrong.
 *
 * @param isbn the ISBN-13, 13 digits without hyphens: the book's id
 * @param title the title, 1 to 200 characters
 * @param author the author, 1 to 100 characters
 * @param year the year of publication
 */
public record Book(String isbn, String title, String author, Integer year) {

  /** The earliest year accepted: printing. */
  public static final int FIRST_YEAR = 1450;

  /**
   * Lists what is wrong with this book, field by field.
   *
   * @return the problems; empty if the book is valid
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!isIsbn13(isbn)) {
      problems.add("isbn: an ISBN-13, 13 digits with a valid check digit, without hyphens");
    }
    if (title == null || title.isBlank() || title.length() > 200) {
      problems.add("title: 1 to 200 characters");
    }
    if (author == null || author.isBlank() || author.length() > 100) {
      problems.add("author: 1 to 100 characters");
    }
    int nextYear = Year.now().getValue() + 1;
    if (year == null || year < FIRST_YEAR || year > nextYear) {
      problems.add("year: " + FIRST_YEAR + " to " + nextYear);
    }
    return problems;
  }

  /**
   * Tells whether a text is an ISBN-13: 13 digits whose weighted sum (1, 3, 1, 3, ...) is a
   * multiple of 10.
   *
   * @param text the text, may be null
   * @return whether it is one
   */
  public static boolean isIsbn13(String text) {
    if (text == null || text.length() != 13) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return sum % 10 == 0;
  }
}
