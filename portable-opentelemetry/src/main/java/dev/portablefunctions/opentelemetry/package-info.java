/**
 * OpenTelemetry traces and metrics for portable functions, on every cloud: put this module on the
 * function's runtime class path, and bring an OpenTelemetry SDK (the Java agent, the AWS Lambda
 * layer, or your own {@code GlobalOpenTelemetry.set(...)}); nothing else changes.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.portablefunctions</groupId>
 *   <artifactId>portable-opentelemetry</artifactId>
 * </dependency>
 * }</pre>
 *
 * <p>The adapters find {@link dev.portablefunctions.opentelemetry.OpenTelemetryObserver} with
 * {@link java.util.ServiceLoader} when they start (see {@link
 * dev.portablefunctions.spi.InvocationObserver}); without this jar nothing of it is loaded. Each
 * invocation becomes a span named after the function, following the OpenTelemetry FaaS semantic
 * conventions, whose parent is the caller's trace however it arrived (W3C {@code traceparent},
 * X-Ray, {@code X-Cloud-Trace-Context}, B3, a CloudEvent's {@code traceparent} extension, as
 * normalised by {@link dev.portablefunctions.TraceContext}); each message of a batch is a span of
 * its own, a child of the invocation's span and linked to its producer's span when the message
 * carries one. The metrics {@code faas.invocations}, {@code faas.errors}, {@code
 * faas.invoke_duration} and {@code faas.coldstarts} count every invocation.
 */
package dev.portablefunctions.opentelemetry;
