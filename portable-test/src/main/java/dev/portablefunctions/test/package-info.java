/**
 * The contract test kit: run a portable function through each cloud's real adapter, in-process, fed
 * a provider's own payload, and check what that provider would get back. Test scope only.
 *
 * <pre>{@code
 * @Test
 * void aPoisonMessageFailsAlone() {
 *   AwsEvent batch = AwsEvent.sqs().withMessages("{\"email\":\"ada@example.com\"}", "not json");
 *   LambdaResult result = Replay.function("signup").aws(batch);
 *   assertEquals(List.of("2e1424d4-f796-459a-8184-9c92662be6da"), result.batchItemFailures());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.test.Replay}: the function, and the three ways in: {@code
 *       aws(AwsEvent)} through {@code LambdaHandler}, {@code gcp(GcpEvent)} through {@code
 *       GcpHttpFunction} or {@code GcpEventFunction}, {@code azure(AzureEvent)} through {@code
 *       AzureFunctions}.
 *   <li>{@link dev.portablefunctions.test.AwsEvent}, {@link dev.portablefunctions.test.GcpEvent},
 *       {@link dev.portablefunctions.test.AzureEvent}: the catalogue of recorded provider payloads
 *       (sources in {@code dev/portablefunctions/test/events/SOURCES.md}), and {@code with...}
 *       methods that change only what a test cares about.
 *   <li>{@link dev.portablefunctions.test.LambdaResult}, {@link
 *       dev.portablefunctions.test.GcpResult}, {@link dev.portablefunctions.test.AzureResult}: the
 *       provider's own answer, and the adapter's log lines parsed as JSON.
 *   <li>{@link dev.portablefunctions.test.ProviderEvents}, {@link
 *       dev.portablefunctions.test.EventKind}, {@link dev.portablefunctions.test.ProviderTrigger},
 *       {@link dev.portablefunctions.test.Delivery}: one parameterised test against every cloud's
 *       version of an event, each checked the provider's way.
 * </ul>
 *
 * <p>The provider types in this API ({@code HttpResponseMessage}) are those the platform itself
 * receives back. Everything runs in the test's JVM: no cloud, no network, no child process.
 */
package dev.portablefunctions.test;
