/**
 * The shop sample: the back end of an online shop as four portable functions.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.samples.shop.OrderApi}: create (idempotently), read and list
 *       orders over HTTP;
 *   <li>{@link dev.portablefunctions.samples.shop.PaymentWebhook}: the payment provider's signed
 *       callback, which marks an order paid and publishes an {@link
 *       dev.portablefunctions.samples.shop.OrderPaid} message;
 *   <li>{@link dev.portablefunctions.samples.shop.ReserveStock}: consumes those messages and
 *       reserves the stock of each order, failing only the order that cannot be served;
 *   <li>{@link dev.portablefunctions.samples.shop.ReceiptStored}: reacts to a receipt stored in a
 *       bucket and tells the customer.
 * </ul>
 *
 * <p>State and messaging go through small interfaces ({@link
 * dev.portablefunctions.samples.shop.OrderRepository}, {@link
 * dev.portablefunctions.samples.shop.Inventory}, {@link
 * dev.portablefunctions.samples.shop.Receipts}, {@link dev.portablefunctions.samples.shop.Catalog},
 * {@link dev.portablefunctions.samples.shop.Publisher}), gathered in {@link
 * dev.portablefunctions.samples.shop.Shop}. Each function's public no-argument constructor, which
 * the adapters call, takes {@link dev.portablefunctions.samples.shop.Shop#defaults()}; its other
 * constructor takes a {@code Shop}, which is how the tests give each function fresh in-memory
 * stores. To deploy for real, implement the interfaces against your cloud's database and queue and
 * return them from {@code Shop.defaults()}.
 */
package dev.portablefunctions.samples.shop;
