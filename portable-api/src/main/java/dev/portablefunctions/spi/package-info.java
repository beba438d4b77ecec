/**
 * The service-provider interface that adapters are built on: the function index and registry, the
 * shared invocation pipeline ({@link dev.portablefunctions.spi.FunctionRunner}), the context
 * implementation, log writing and the shared JSON mapper.
 *
 * <p>Function authors do not need this package. Adapter authors (a fourth cloud, a custom runtime)
 * use it so that every adapter decodes, dispatches, reports errors and logs the same way: decode
 * the provider's envelope into portable values, pick the {@link
 * dev.portablefunctions.spi.FunctionDefinition} from the {@link
 * dev.portablefunctions.spi.FunctionRegistry}, build an {@link
 * dev.portablefunctions.spi.InvocationContext}, call the matching {@code FunctionRunner} method,
 * and encode its result the provider's way.
 *
 * <p>Input that cannot be decoded is reported the same way by every adapter through {@link
 * dev.portablefunctions.spi.MalformedInput}: a 400 that says where and what, never quoting the
 * input. Per-record provider objects ({@code context.unwrap(JsonNode.class)} as the current
 * record's JSON) go through {@link dev.portablefunctions.spi.InvocationContext#withRecord} and the
 * {@code FunctionRunner.messages} overload that takes each message's context.
 *
 * <p>Monitoring: an adapter loads one {@link dev.portablefunctions.spi.Instrumentation} when it
 * starts ({@code Instrumentation.load(itsOwnClassLoader)}: the outcome record setting and the
 * {@link dev.portablefunctions.spi.InvocationObserver}s on the class path), hands it to each
 * context it builds ({@link dev.portablefunctions.spi.InvocationContext.Builder#instrumentation},
 * with the {@link dev.portablefunctions.spi.TriggerType} and the source), which begins the
 * invocation, and calls {@link
 * dev.portablefunctions.spi.FunctionRunner#finish(dev.portablefunctions.Context)} once its answer
 * is known, on the same thread. The runner records what it sees on the way (the function started, a
 * failure, the batch) so the {@link dev.portablefunctions.spi.Outcome} needs nothing more from the
 * adapter.
 */
package dev.portablefunctions.spi;
