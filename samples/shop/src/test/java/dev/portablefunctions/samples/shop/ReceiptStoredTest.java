package dev.portablefunctions.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.FunctionException;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.local.LocalInvoker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReceiptStoredTest {

  private final Shop shop = TestShops.fresh();
  private final LocalInvoker invoker = LocalInvoker.of(new ReceiptStored(shop));
  private final Order order = order();

  @AfterEach
  void close() {
    invoker.close();
  }

  private Order order() {
    try {
      return shop.orders()
          .create(
              "k-1",
              "f",
              new Order(
                  "o-1",
                  "c-1",
                  List.of(new OrderLine("CUP-ESP", 1, 450)),
                  450,
                  "EUR",
                  Order.Status.PAID,
                  TestShops.NOW))
          .order();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static StorageEvent event(String key, StorageEvent.Change change) {
    return StorageEvent.builder("shop-receipts", key, change)
        .size(48_213)
        .contentType("application/pdf")
        .time(Instant.parse("2024-05-01T12:05:00Z"))
        .build();
  }

  @Test
  void aStoredReceiptIsRecordedAndAnnounced() throws Exception {
    invoker.event("receipt-stored", event("2024/05/o-1.pdf", StorageEvent.Change.CREATED));

    Receipts.Receipt receipt = shop.receipts().find("o-1").orElseThrow();
    assertThat(receipt.key()).isEqualTo("2024/05/o-1.pdf");
    assertThat(receipt.storedAt()).isEqualTo(Instant.parse("2024-05-01T12:05:00Z"));
    assertThat(TestShops.published(shop.receiptReady()).published())
        .extracting(InMemoryPublisher.Published::message)
        .containsExactly(new ReceiptReady("o-1", "c-1", "shop-receipts", "2024/05/o-1.pdf"));
  }

  @Test
  void aReceiptForAnUnknownOrderFailsSoTheCloudRetriesIt() {
    assertThatThrownBy(
            () -> invoker.event("receipt-stored", event("o-2.pdf", StorageEvent.Change.CREATED)))
        .isInstanceOfSatisfying(
            FunctionException.class,
            e -> assertThat(e.kind()).isEqualTo(FunctionException.Kind.NOT_FOUND));
  }

  @Test
  void otherObjectsAreIgnored() throws Exception {
    invoker.event("receipt-stored", event("o-1.txt", StorageEvent.Change.CREATED));
    invoker.event("receipt-stored", event("2024/.pdf", StorageEvent.Change.CREATED));

    assertThat(shop.receipts().find("o-1")).isEmpty();
    assertThat(TestShops.published(shop.receiptReady()).published()).isEmpty();
  }

  @Test
  void aDeletedReceiptIsForgotten() throws Exception {
    invoker.event("receipt-stored", event("o-1.pdf", StorageEvent.Change.CREATED));
    invoker.event("receipt-stored", event("o-1.pdf", StorageEvent.Change.DELETED));

    assertThat(shop.receipts().find("o-1")).isEmpty();
    assertThat(order.id()).isEqualTo("o-1");
  }
}
