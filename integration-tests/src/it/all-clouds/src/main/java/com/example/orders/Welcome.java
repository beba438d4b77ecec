package com.example.orders;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.TypedFunction;

/** Welcomes a person in their language. */
public final class Welcome implements TypedFunction<Welcome.Person, Welcome.Greeting> {

  /** The input. */
  public record Person(String name, String language) {}

  /** The output. */
  public record Greeting(String greeting) {}

  @Override
  public Greeting handle(Person person, Context context) {
    if (person.name() == null || person.name().isBlank()) {
      throw FunctionException.badInput("name is required");
    }
    String hello = "fr".equals(person.language()) ? "Bonjour" : "Hello";
    return new Greeting(hello + ", " + person.name());
  }
}
