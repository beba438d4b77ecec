package dev.portablefunctions.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.Message;
import dev.portablefunctions.ScheduleEvent;
import dev.portablefunctions.StorageEvent;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import dev.portablefunctions.local.MessageReport;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The echo contract, in-process through the local adapter. */
@ExtendWith(LocalFunctionsExtension.class)
class EchoFunctionsTest {

  @Test
  void echoHttpAnswersWithWhatItReceived(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http(
            "echo-http",
            HttpRequest.builder("POST", "/a/b")
                .query("k", "v1")
                .query("k", "v2")
                .header("X-Test", "1")
                .body("hi")
                .build());

    assertThat(response.bodyAsString())
        .isEqualTo(
            "{\"cloud\":\"local\",\"method\":\"POST\",\"path\":\"/a/b\",\"query\":{\"k\":[\"v1\",\"v2\"]},"
                + "\"headers\":{\"x-test\":[\"1\"]},\"body\":\"aGk=\"}");
  }

  @Test
  void echoHttpEchoesAnEmptyQueryNameAndNamesThatLookLikeJsonPointers(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http(
            "echo-http",
            HttpRequest.builder("GET", "/")
                .rawQuery("=v&%2Fa=1&/b/c=2&~0=3")
                .header("/x", "y")
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString())
        .contains("\"query\":{\"\":[\"v\"],\"/a\":[\"1\"],\"/b/c\":[\"2\"],\"~0\":[\"3\"]}")
        .contains("\"headers\":{\"/x\":[\"y\"]}");
  }

  @Test
  void echoTypedGreets(LocalInvoker invoker) {
    assertThat(invoker.typed("echo-typed", new EchoTyped.Name("Ada"), EchoTyped.Greeting.class))
        .isEqualTo(new EchoTyped.Greeting("Hello, Ada"));
  }

  @Test
  void echoMessageLogsEachMessageAndFailsThePoisonOne(LocalInvoker invoker) {
    MessageReport report =
        invoker.messages(
            "echo-message",
            List.of(
                Message.builder("m1").body("hello").attribute("k", "v").build(),
                Message.of("m2", "poison pill")));

    assertThat(report.failedIds()).containsExactly("m2");
    assertThat(invoker.logs())
        .anyMatch(
            line ->
                line.contains(
                    "ECHO {\\\"id\\\":\\\"m1\\\",\\\"body\\\":\\\"aGVsbG8=\\\",\\\"attributes\\\":{\\\"k\\\":\\\"v\\\"}}"));
  }

  @Test
  void echoStorageLogsTheDecodedKeyAndANullSize(LocalInvoker invoker) {
    invoker.event(
        "echo-storage",
        StorageEvent.builder("b", "a b(1).txt", StorageEvent.Change.DELETED).build());

    assertThat(invoker.logs())
        .anyMatch(
            line ->
                line.contains(
                    "ECHO {\\\"bucket\\\":\\\"b\\\",\\\"key\\\":\\\"a b(1).txt\\\",\\\"size\\\":null,"
                        + "\\\"change\\\":\\\"deleted\\\"}"));
  }

  @Test
  void echoScheduleLogsTheInstant(LocalInvoker invoker) {
    invoker.event("echo-schedule", ScheduleEvent.of(Instant.parse("2024-05-01T06:00:00Z")));

    assertThat(invoker.logs())
        .anyMatch(line -> line.contains("ECHO {\\\"time\\\":\\\"2024-05-01T06:00:00Z\\\"}"));
  }

  @Test
  void echoEventLogsTheCloudEvent(LocalInvoker invoker) {
    invoker.event(
        "echo-event",
        CloudEventBuilder.v1()
            .withId("1")
            .withSource(URI.create("/src"))
            .withType("t")
            .withData("text/plain", "hi".getBytes(StandardCharsets.UTF_8))
            .build());

    assertThat(invoker.logs())
        .anyMatch(
            line ->
                line.contains(
                    "ECHO {\\\"id\\\":\\\"1\\\",\\\"source\\\":\\\"/src\\\",\\\"type\\\":\\\"t\\\","
                        + "\\\"subject\\\":null,\\\"data\\\":\\\"aGk=\\\"}"));
  }
}
