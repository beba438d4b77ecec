package dev.portablefunctions;

/**
 * A function from a JSON-bound input object to an output object.
 *
 * <p>The input is bound from JSON with the library's shared Jackson {@code ObjectMapper} (records,
 * {@code java.time} types and unknown properties are supported), and the output is written back as
 * JSON. It is reachable by direct invocation on every cloud (for example {@code aws lambda invoke})
 * and by an HTTP {@code POST} of a JSON body on every HTTP source.
 *
 * <pre>{@code
 * record Order(String sku, int quantity) {}
 * record Receipt(String orderId) {}
 *
 * public final class PlaceOrder implements TypedFunction<Order, Receipt> {
 *   public Receipt handle(Order order, Context context) {
 *     return new Receipt(UUID.randomUUID().toString());
 *   }
 * }
 * }</pre>
 *
 * <p>The input type is read from the class's type arguments at build time, so implement this
 * interface with concrete types (not a raw type or a type variable). A body that is not valid JSON
 * for {@code I}, or the JSON {@code null}, is answered with a 400 before {@code handle} runs. A
 * {@code null} output is answered with {@code 204 No Content} over HTTP and the JSON {@code null}
 * on direct invocation.
 *
 * @param <I> the input type, bound from JSON
 * @param <O> the output type, written as JSON
 */
@FunctionalInterface
public interface TypedFunction<I, O> {

  /**
   * Handles one input.
   *
   * @param input the input bound from JSON, never null
   * @param context this invocation's context, never null
   * @return the output, written as JSON; may be null
   * @throws Exception any failure; a {@link FunctionException} keeps its kind, anything else is an
   *     internal error
   */
  O handle(I input, Context context) throws Exception;
}
