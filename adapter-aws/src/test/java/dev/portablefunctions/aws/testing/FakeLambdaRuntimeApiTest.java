package dev.portablefunctions.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.Invocation;
import dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi.InvocationResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol tests of {@link FakeLambdaRuntimeApi} with the JDK HTTP client playing the runtime, so
 * they need no runtime interface client. The same requests and headers were observed from RIC
 * 2.10.1.
 */
class FakeLambdaRuntimeApiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
  private FakeLambdaRuntimeApi api;

  @BeforeEach
  void start() {
    api = FakeLambdaRuntimeApi.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void listensOnLoopback() {
    assertThat(api.address()).startsWith("127.0.0.1:").isEqualTo("127.0.0.1:" + api.port());
  }

  @Test
  void deliversEventWithHeadersAndReturnsResponse() throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    CompletableFuture<InvocationResult> result =
        api.submit(
            Invocation.of("{\"name\":\"Ada\"}")
                .withRequestId("req-1")
                .withTraceId("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
                .withDeadline(deadline)
                .withFunctionArn("arn:aws:lambda:eu-west-1:111122223333:function:fn:live"));

    HttpResponse<String> next = get("/invocation/next");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(next.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
    assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms"))
        .hasValue(Long.toString(deadline.toEpochMilli()));
    assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
        .hasValue("arn:aws:lambda:eu-west-1:111122223333:function:fn:live");
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id"))
        .hasValue("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

    assertThat(post("/invocation/req-1/response", "{\"ok\":true}", null).statusCode())
        .isEqualTo(202);
    InvocationResult r = result.get(10, TimeUnit.SECONDS);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.requestId()).isEqualTo("req-1");
    assertThat(r.body()).isEqualTo("{\"ok\":true}");
    assertThat(r.errorType()).isNull();
  }

  @Test
  void relativeFunctionTimeoutStartsWhenTheRuntimeTakesTheEvent() throws Exception {
    api.submit(Invocation.of("{}").withRequestId("r").withFunctionTimeout(Duration.ofSeconds(3)));
    long before = System.currentTimeMillis();
    HttpResponse<String> next = get("/invocation/next");
    long deadline =
        Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
    assertThat(deadline).isBetween(before + 2_000, System.currentTimeMillis() + 3_000);
    assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id")).isEmpty();
  }

  @Test
  void errorPostCarriesErrorTypeHeader() throws Exception {
    CompletableFuture<InvocationResult> result =
        api.submit(Invocation.of("{}").withRequestId("req-2"));
    get("/invocation/next");
    String body =
        "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}";
    assertThat(post("/invocation/req-2/error", body, "Runtime.UserException").statusCode())
        .isEqualTo(202);

    InvocationResult r = result.get(10, TimeUnit.SECONDS);
    assertThat(r.outcome()).isEqualTo(InvocationResult.Outcome.ERROR);
    assertThat(r.errorType()).isEqualTo("Runtime.UserException");
    assertThat(r.body()).isEqualTo(body);
  }

  @Test
  void initErrorEndsPendingAndLaterInvocationsUntilANewRuntimeStarts() throws Exception {
    CompletableFuture<InvocationResult> pending = api.submit(Invocation.of("{}"));
    String body =
        "{\"errorMessage\":\"constructor boom\",\"errorType\":\"java.lang.IllegalStateException\"}";
    assertThat(post("/init/error", body, "Runtime.BadFunctionCode").statusCode()).isEqualTo(202);

    assertThat(pending.get(10, TimeUnit.SECONDS).outcome())
        .isEqualTo(InvocationResult.Outcome.INIT_ERROR);
    InvocationResult later = api.invoke(Invocation.of("{}"), WAIT);
    assertThat(later.outcome()).isEqualTo(InvocationResult.Outcome.INIT_ERROR);
    assertThat(later.errorType()).isEqualTo("Runtime.BadFunctionCode");
    assertThat(api.initErrors())
        .singleElement()
        .satisfies(e -> assertThat(e.body()).isEqualTo(body));

    api.runtimeStarting();
    CompletableFuture<InvocationResult> fresh =
        api.submit(Invocation.of("{}").withRequestId("fresh"));
    assertThat(get("/invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id"))
        .hasValue("fresh");
    post("/invocation/fresh/response", "1", null);
    assertThat(fresh.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @Test
  void invokeTimesOutWhenNobodyPolls() {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> api.invoke(Invocation.of("{}"), Duration.ofMillis(300)))
        .isInstanceOf(FakeLambdaRuntimeApi.InvocationTimeoutException.class)
        .hasMessageContaining("never picked it up");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void runtimeGoneFailsPendingAndLaterInvocationsFast() {
    CompletableFuture<InvocationResult> pending = api.submit(Invocation.of("{}"));
    api.runtimeGone("process exited with code 1");
    assertThat(pending).isCompletedExceptionally();
    assertThatThrownBy(() -> api.invoke(Invocation.of("{}"), WAIT))
        .isInstanceOf(FakeLambdaRuntimeApi.RuntimeFailureException.class)
        .hasMessageContaining("exited with code 1");
  }

  @Test
  void staleExitNoticeOfAReplacedRuntimeIsIgnored() throws Exception {
    long first = api.runtimeStarting();
    api.runtimeStarting();
    api.runtimeGone(first, "old child exited");
    CompletableFuture<InvocationResult> r = api.submit(Invocation.of("{}").withRequestId("x"));
    get("/invocation/next");
    post("/invocation/x/response", "ok", null);
    assertThat(r.get(10, TimeUnit.SECONDS).body()).isEqualTo("ok");
  }

  @Test
  void unknownRequestIdIsRejected() throws Exception {
    assertThat(post("/invocation/nope/response", "{}", null).statusCode()).isEqualTo(400);
  }

  @Test
  void readinessReflectsABlockedPoll() {
    assertThat(api.awaitRuntimeReady(Duration.ofMillis(100))).isFalse();
    CompletableFuture<HttpResponse<String>> poll =
        http.sendAsync(
            HttpRequest.newBuilder(uri("/invocation/next")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.awaitRuntimeReady(WAIT)).isTrue();
    api.submit(Invocation.of("{}"));
    assertThat(poll.join().statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(WAIT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (errorType != null) {
      b.header("Lambda-Runtime-Function-Error-Type", errorType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://" + api.address() + FakeLambdaRuntimeApi.API_PREFIX + path);
  }
}
