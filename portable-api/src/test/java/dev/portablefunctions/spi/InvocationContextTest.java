package dev.portablefunctions.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portablefunctions.Cloud;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InvocationContextTest {

  private final ObjectNode batch = Json.mapper().createObjectNode().put("records", 2);

  @Test
  void aLazyNativeIsBuiltOnceAndOnlyWhenAskedFor() {
    AtomicInteger built = new AtomicInteger();
    InvocationContext context =
        InvocationContext.builder(Cloud.LOCAL, "f", "inv-1")
            .nativeObject(
                JsonNode.class,
                () -> {
                  built.incrementAndGet();
                  return batch;
                })
            .build();

    assertThat(context.unwrap(String.class)).isEmpty();
    assertThat(built).hasValue(0);
    assertThat(context.unwrap(JsonNode.class)).containsSame(batch);
    assertThat(context.unwrap(Object.class)).containsSame(batch);
    assertThat(built).hasValue(1);
  }

  @Test
  void aRecordContextUnwrapsTheRecordFirstAndKeepsEverythingElse() {
    ObjectNode record = Json.mapper().createObjectNode().put("id", "m2");
    InvocationContext invocation =
        InvocationContext.builder(Cloud.AZURE, "f", "inv-2")
            .nativeObject(batch)
            .nativeObject("native")
            .build();

    InvocationContext forRecord = invocation.withRecord(JsonNode.class, () -> record);

    assertThat(forRecord.unwrap(JsonNode.class)).containsSame(record);
    assertThat(forRecord.unwrap(String.class)).contains("native");
    assertThat(forRecord.invocationId()).isEqualTo("inv-2");
    assertThat(forRecord.logger()).isSameAs(invocation.logger());
    assertThat(invocation.unwrap(JsonNode.class)).containsSame(batch);
  }

  @Test
  void aRecordWithoutAnObjectFallsBackToTheInvocationsNatives() {
    InvocationContext invocation =
        InvocationContext.builder(Cloud.GCP, "f", "inv-3").nativeObject(batch).build();

    assertThat(invocation.withRecord(JsonNode.class, () -> null).unwrap(JsonNode.class))
        .containsSame(batch);
  }
}
