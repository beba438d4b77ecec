package dev.portablefunctions.samples.shop;

/**
 * Published by {@link ReceiptStored} for the service that mails customers their receipt.
 *
 * @param orderId the order
 * @param customerId the customer to tell
 * @param bucket where the receipt is
 * @param key the receipt's object key
 */
public record ReceiptReady(String orderId, String customerId, String bucket, String key) {}
