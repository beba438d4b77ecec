package dev.portablefunctions.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.Message;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReserveStockTest {

  private final Shop shop = TestShops.fresh();
  private final LocalInvoker invoker = LocalInvoker.of(new ReserveStock(shop));

  @AfterEach
  void close() {
    invoker.close();
  }

  private static Message paid(String messageId, String orderId, String sku, int quantity) {
    return Message.of(
        messageId,
        "{\"orderId\":\""
            + orderId
            + "\",\"paymentId\":\"pay-"
            + orderId
            + "\",\"lines\":[{\"sku\":\""
            + sku
            + "\",\"quantity\":"
            + quantity
            + ",\"unitPriceCents\":450}],"
            + "\"paidAt\":\"2024-05-01T12:00:00Z\"}");
  }

  private int available(String sku) {
    return ((InMemoryInventory) shop.inventory()).available(sku);
  }

  @Test
  void onlyThePoisonOrdersOfABatchFail() {
    MessageReport report =
        invoker.messages(
            "reserve-stock",
            List.of(
                paid("m1", "o-1", "CUP-ESP", 2),
                Message.of("m2", "{\"orderId\":"),
                paid("m3", "o-3", "MUG-TALL", 4),
                Message.of("m4", "{\"orderId\":\"o-4\",\"lines\":[]}"),
                paid("m5", "o-5", "MUG-TALL", 3)));

    assertThat(report.received()).isEqualTo(5);
    assertThat(report.failedIds()).containsExactly("m2", "m3", "m4");
    assertThat(report.failed())
        .extracting(MessageReport.Failure::status)
        .containsExactly(400, 409, 400);
    assertThat(report.failed().get(1).detail())
        .isEqualTo("Not enough stock for order o-3: MUG-TALL (4 ordered, 3 left)");
    assertThat(available("CUP-ESP")).isEqualTo(8);
    assertThat(available("MUG-TALL")).isZero();
  }

  @Test
  void anOrderShortOfOneProductReservesNoneOfItsLines() {
    Message both =
        Message.of(
            "m1",
            "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"CUP-ESP\",\"quantity\":1,\"unitPriceCents\":450},"
                + "{\"sku\":\"MUG-TALL\",\"quantity\":9,\"unitPriceCents\":900}]}");

    assertThat(invoker.message("reserve-stock", both).failedIds()).containsExactly("m1");
    assertThat(available("CUP-ESP")).isEqualTo(10);
  }

  @Test
  void aRedeliveredOrderReservesItsStockOnce() {
    invoker.message("reserve-stock", paid("m1", "o-1", "CUP-ESP", 2));
    MessageReport again = invoker.message("reserve-stock", paid("m1", "o-1", "CUP-ESP", 2));

    assertThat(again.allSucceeded()).isTrue();
    assertThat(available("CUP-ESP")).isEqualTo(8);
  }
}
