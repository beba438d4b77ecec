package dev.portablefunctions.samples.api;

import java.math.BigDecimal;

/**
 * A book's price, as the pricing service answers it.
 *
 * @param isbn the book
 * @param amount the price
 * @param currency an ISO 4217 code
 */
public record Price(String isbn, BigDecimal amount, String currency) {}
