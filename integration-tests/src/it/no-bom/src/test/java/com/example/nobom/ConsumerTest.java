package com.example.nobom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Goes through Jackson (records, java.time, BigDecimal) and CloudEvents' JSON format. */
@ExtendWith(LocalFunctionsExtension.class)
class ConsumerTest {

  @Test
  void aTypedFunctionBindsRecordsAndJavaTime(LocalInvoker invoker) {
    Quote.Price price =
        invoker.typed(
            "quote",
            new Quote.Order("tea", 3, Instant.parse("2024-05-01T10:00:00Z")),
            Quote.Price.class);

    assertEquals("tea", price.item());
    assertEquals(0, new BigDecimal("7.50").compareTo(price.total()));
    assertEquals(Instant.parse("2024-05-02T10:00:00Z"), price.validUntil());
  }

  @Test
  void aTypedFunctionsProblemComesBackAsAFunctionException(LocalInvoker invoker) {
    FunctionException e =
        assertThrows(
            FunctionException.class,
            () -> invoker.typed("quote", new Quote.Order("tea", 0, Instant.now()), Quote.Price.class));

    assertEquals(FunctionException.Kind.UNPROCESSABLE, e.kind());
  }

  @Test
  void aCloudEventArrivesWithItsJsonData(LocalInvoker invoker) {
    invoker.event(
        "audit",
        CloudEventBuilder.v1()
            .withId("e1")
            .withSource(URI.create("/orders"))
            .withType("com.example.order.placed")
            .withData("application/json", "{\"item\":\"tea\"}".getBytes(StandardCharsets.UTF_8))
            .build());

    assertTrue(
        invoker.logs().stream()
            .anyMatch(line -> line.contains("audit e1 com.example.order.placed") && line.contains("tea")),
        () -> "no audit line in " + invoker.logs());
  }
}
