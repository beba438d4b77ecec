package dev.portablefunctions.samples.shop;

import java.time.Instant;
import java.util.List;

/**
 * Published by {@link PaymentWebhook} when an order is paid; consumed by {@link ReserveStock}.
 *
 * <pre>{@code
 * {"orderId": "o-1", "paymentId": "pay_1",
 *  "lines": [{"sku": "CUP-ESP", "quantity": 2, "unitPriceCents": 450}],
 *  "paidAt": "2024-05-01T12:00:00Z"}
 * }</pre>
 *
 * @param orderId the order
 * @param paymentId the payment provider's id of the payment
 * @param lines what to reserve
 * @param paidAt when the payment was confirmed
 */
public record OrderPaid(String orderId, String paymentId, List<OrderLine> lines, Instant paidAt) {}
