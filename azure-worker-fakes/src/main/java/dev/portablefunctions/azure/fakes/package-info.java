/**
 * Stand-ins for the objects the Azure Functions Java worker hands an entry method, with the
 * semantics of the worker's own implementations of the library's interfaces: {@link
 * dev.portablefunctions.azure.fakes.FakeExecutionContext} ({@code ExecutionContext}), {@link
 * dev.portablefunctions.azure.fakes.FakeHttpRequest} ({@code HttpRequestMessage}) and {@link
 * dev.portablefunctions.azure.fakes.FakeHttpResponse} (the response builder and the response it
 * builds).
 *
 * <p>One copy for the contract test kit (which calls the Azure entry methods as the worker does),
 * the Azure adapter's tests and the benchmarks. Not a user API: reach the Azure adapter through the
 * test kit's {@code Replay.azure}; these classes may change in any release.
 */
package dev.portablefunctions.azure.fakes;
