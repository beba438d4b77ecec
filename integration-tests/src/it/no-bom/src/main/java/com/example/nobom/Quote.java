package com.example.nobom;

import dev.portablefunctions.Context;
import dev.portablefunctions.FunctionException;
import dev.portablefunctions.TypedFunction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A typed function: its input and output are JSON-bound records, one with a java.time field. */
public final class Quote implements TypedFunction<Quote.Order, Quote.Price> {

  /** What is asked for. */
  public record Order(String item, int quantity, Instant orderedAt) {}

  /** What it costs, and until when. */
  public record Price(String item, BigDecimal total, Instant validUntil) {}

  @Override
  public Price handle(Order order, Context context) {
    if (order.quantity() < 1) {
      throw FunctionException.unprocessable("quantity must be at least 1");
    }
    BigDecimal total = new BigDecimal("2.50").multiply(BigDecimal.valueOf(order.quantity()));
    return new Price(order.item(), total, order.orderedAt().plus(Duration.ofDays(1)));
  }
}
