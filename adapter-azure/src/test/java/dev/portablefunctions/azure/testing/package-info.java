/**
 * Test doubles with the semantics of the Azure Functions Java worker's own implementations of the
 * library's interfaces ({@code ExecutionContext}, {@code HttpRequestMessage}, the response
 * builder), and the recorded payloads.
 */
package dev.portablefunctions.azure.testing;
