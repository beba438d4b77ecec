package dev.portablefunctions.samples.api;

import dev.portablefunctions.FunctionException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a page: the ISBN of the last book of the page before, in base64url,
 * so clients do not build cursors and the store's key can change behind it.
 */
final class Cursor {

  private static final String PREFIX = "after:";

  private Cursor() {}

  static String after(String isbn) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + isbn).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the ISBN a cursor continues after.
   *
   * @throws FunctionException 400 if this API did not write the cursor
   */
  static String isbnOf(String cursor) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      text = "";
    }
    if (!text.startsWith(PREFIX) || !Book.isIsbn13(text.substring(PREFIX.length()))) {
      throw FunctionException.badInput(
          "cursor is not one this API gave out; follow the Link header's rel=\"next\".");
    }
    return text.substring(PREFIX.length());
  }
}
