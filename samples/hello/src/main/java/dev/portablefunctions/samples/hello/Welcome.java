package dev.portablefunctions.samples.hello;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.TypedFunction;
import java.util.Map;

/**
 * A typed function: {@code {"name":"Ada","language":"fr"}} gives {@code {"greeting":"Bonjour,
 * Ada"}}. An unknown language is the caller's mistake, so it is a 422 with a detail that says what
 * is supported.
 */
public final class Welcome implements TypedFunction<Welcome.Person, Welcome.Card> {

  private static final Map<String, String> HELLO =
      Map.of("en", "Hello", "fr", "Bonjour", "de", "Hallo", "es", "Hola");

  /**
   * Who to welcome.
   *
   * @param name their name
   * @param language a language code; English when absent
   */
  public record Person(String name, String language) {}

  /**
   * The welcome.
   *
   * @param greeting the greeting
   */
  public record Card(String greeting) {}

  @Override
  public Card handle(Person person, Context context) {
    if (person.name() == null || person.name().isBlank()) {
      throw FunctionException.badInput("'name' is required.");
    }
    String language = person.language() == null ? "en" : person.language();
    String hello = HELLO.get(language);
    if (hello == null) {
      throw FunctionException.unprocessable(
          "Language '" + language + "' is not supported; use one of " + HELLO.keySet() + ".");
    }
    return new Card(hello + ", " + person.name());
  }
}
