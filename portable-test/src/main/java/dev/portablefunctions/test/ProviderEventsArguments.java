package dev.portablefunctions.test;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Supplies {@link ProviderEvents}'s arguments: one {@link ProviderTrigger} per trigger of the kind.
 */
final class ProviderEventsArguments
    implements ArgumentsProvider, AnnotationConsumer<ProviderEvents> {

  private EventKind kind;

  @Override
  public void accept(ProviderEvents annotation) {
    this.kind = annotation.value();
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    return ProviderTrigger.all(kind).stream().map(Arguments::of);
  }
}
