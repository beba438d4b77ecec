package dev.portablefunctions.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets the number of tries of every fuzz property from the system property {@value #PROPERTY} when
 * it is given ({@code mvn verify -Dfuzz.tries=100000} for a long run); without it each property
 * keeps its own modest {@code tries}, so that a module's fuzz tests stay well under 15 seconds in
 * CI. Add it to a container with {@code @AddLifecycleHook(FuzzTries.class)}.
 */
public final class FuzzTries implements AroundPropertyHook {

  /** The system property (surefire passes {@code -D} user properties to the forked JVM). */
  public static final String PROPERTY = "fuzz.tries";

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    String tries = System.getProperty(PROPERTY);
    if (tries != null && !tries.isBlank()) {
      context.attributes().setTries(Integer.valueOf(tries.trim()));
    }
    return property.execute();
  }

  /** Added to a class, it applies to every property in it (and in its nested classes). */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  /** Outermost, so the tries are set before the property starts. */
  @Override
  public int aroundPropertyProximity() {
    return -100;
  }
}
