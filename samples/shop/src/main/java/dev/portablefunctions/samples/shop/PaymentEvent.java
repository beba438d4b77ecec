package dev.portablefunctions.samples.shop;

/**
 * A payment provider's webhook call, as {@link PaymentWebhook} reads it.
 *
 * <pre>{@code
 * {"id":"evt_1","type":"payment.succeeded","orderId":"…","paymentId":"pay_1",
 *  "amountCents":900,"currency":"EUR"}
 * }</pre>
 *
 * @param id the provider's event id
 * @param type {@value #SUCCEEDED}, or another type the shop acknowledges and ignores
 * @param orderId the order the payment is for (the provider echoes the reference the shop gave it)
 * @param paymentId the provider's payment id
 * @param amountCents the amount paid, in the currency's minor unit
 * @param currency an ISO 4217 code
 */
public record PaymentEvent(
    String id, String type, String orderId, String paymentId, long amountCents, String currency) {

  /** The event type that marks an order paid. */
  public static final String SUCCEEDED = "payment.succeeded";
}
