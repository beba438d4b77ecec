package dev.portablefunctions.samples.echo;

import dev.portablefunctions.Context;
import dev.portablefunctions.TypedFunction;

/** Greets the name it is given: {@code {"name":"Ada"}} gives {@code {"greeting":"Hello, Ada"}}. */
public final class EchoTyped implements TypedFunction<EchoTyped.Name, EchoTyped.Greeting> {

  /**
   * The input.
   *
   * @param name who to greet
   */
  public record Name(String name) {}

  /**
   * The output.
   *
   * @param greeting the greeting
   */
  public record Greeting(String greeting) {}

  @Override
  public Greeting handle(Name input, Context context) {
    return new Greeting("Hello, " + input.name());
  }
}
