package dev.portablefunctions;

import dev.portablefunctions.internal.Bodies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One message from a queue or topic, as a {@link MessageFunction} receives it.
 *
 * <p>How each source maps:
 *
 * <table>
 *   <caption>Where the fields come from</caption>
 *   <tr><th>source</th><th>id</th><th>body</th><th>attributes</th><th>ordering key</th></tr>
 *   <tr><td>SQS</td><td>messageId</td><td>body</td><td>message attributes (string values)</td>
 *       <td>MessageGroupId (FIFO)</td></tr>
 *   <tr><td>SNS</td><td>MessageId</td><td>Message</td><td>MessageAttributes</td><td>-</td></tr>
 *   <tr><td>Kinesis</td><td>sequence number</td><td>data (decoded)</td><td>-</td>
 *       <td>partition key</td></tr>
 *   <tr><td>Pub/Sub</td><td>messageId</td><td>data (decoded)</td><td>attributes</td>
 *       <td>orderingKey</td></tr>
 *   <tr><td>Service Bus</td><td>MessageId</td><td>body</td><td>application properties</td>
 *       <td>-</td></tr>
 *   <tr><td>Queue Storage</td><td>Id</td><td>body</td><td>-</td><td>-</td></tr>
 *   <tr><td>Event Hubs</td><td>sequence number</td><td>body</td><td>application properties</td>
 *       <td>partition key</td></tr>
 * </table>
 */
public final class Message {

  private final String id;
  private final byte[] body;
  private final Map<String, String> attributes;
  private final Instant publishTime;
  private final int deliveryAttempt;
  private final String orderingKey;

  private Message(Builder builder) {
    this.id = builder.id;
    this.body = builder.body;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(builder.attributes));
    this.publishTime = builder.publishTime;
    this.deliveryAttempt = builder.deliveryAttempt;
    this.orderingKey = builder.orderingKey;
  }

  /**
   * Starts a message.
   *
   * @param id the provider's message id; must not be empty
   * @return a builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Returns a message with a UTF-8 text body and nothing else, for tests.
   *
   * @param id the message id
   * @param body the body text
   * @return the message
   */
  public static Message of(String id, String body) {
    return builder(id).body(body).build();
  }

  /**
   * Returns the provider's message id, unique within the source; the key to make handling
   * idempotent.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns a copy of the body, decoded where the provider base64-encodes it.
   *
   * @return the body; empty if there is none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Binds the JSON body to a type with the library's shared {@code ObjectMapper}.
   *
   * @param type the type
   * @param <T> the type
   * @return the bound value; null only if the body is the JSON {@code null}
   * @throws FunctionException of kind {@link FunctionException.Kind#BAD_INPUT} if the body is not
   *     valid JSON for {@code type}
   */
  public <T> T bodyAs(Class<T> type) {
    return Bodies.bindJson(body, type, "body of message " + id);
  }

  /**
   * Returns the message's string attributes (SQS message attributes, Pub/Sub attributes, Service
   * Bus application properties, ...).
   *
   * @return an unmodifiable map; empty if there are none
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Returns one attribute.
   *
   * @param name the attribute name (case-sensitive)
   * @return the value, or empty if absent
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Returns when the message was published or enqueued, where the source says.
   *
   * @return the time, or empty if unknown
   */
  public Optional<Instant> publishTime() {
    return Optional.ofNullable(publishTime);
  }

  /**
   * Returns which delivery of this message this is, counting from 1, where the source says (SQS
   * {@code ApproximateReceiveCount}, Service Bus {@code DeliveryCount}, Queue Storage {@code
   * DequeueCount}, Pub/Sub {@code deliveryAttempt} with dead-lettering on).
   *
   * @return the attempt, or empty if unknown
   */
  public OptionalInt deliveryAttempt() {
    return deliveryAttempt == 0 ? OptionalInt.empty() : OptionalInt.of(deliveryAttempt);
  }

  /**
   * Returns the key that orders this message relative to others (SQS FIFO message group, Pub/Sub
   * ordering key, Kinesis and Event Hubs partition key). Not set for Service Bus: the adapter binds
   * only the metadata the host sends for every message, and a session id is sent only by
   * session-enabled entities.
   *
   * @return the key, or empty if the source does not order messages
   */
  public Optional<String> orderingKey() {
    return Optional.ofNullable(orderingKey);
  }

  /** Returns the id and body length; never the body. */
  @Override
  public String toString() {
    return "Message[id=" + id + ", " + body.length + " bytes]";
  }

  /** Builds a {@link Message}. Not thread-safe. */
  public static final class Builder {

    private final String id;
    private byte[] body = new byte[0];
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private Instant publishTime;
    private int deliveryAttempt;
    private String orderingKey;

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isEmpty()) {
        throw new IllegalArgumentException("message id must not be empty");
      }
      this.id = id;
    }

    /**
     * Sets the body to a copy of the given bytes.
     *
     * @param bytes the body
     * @return this builder
     */
    public Builder body(byte[] bytes) {
      this.body = Objects.requireNonNull(bytes, "body").clone();
      return this;
    }

    /**
     * Sets the body to UTF-8 text.
     *
     * @param text the body
     * @return this builder
     */
    public Builder body(String text) {
      this.body = Objects.requireNonNull(text, "body").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Adds an attribute.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String name, String value) {
      attributes.put(
          Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, () -> "value of attribute " + name));
      return this;
    }

    /**
     * Adds attributes.
     *
     * @param more the attributes
     * @return this builder
     */
    public Builder attributes(Map<String, String> more) {
      Objects.requireNonNull(more, "attributes").forEach(this::attribute);
      return this;
    }

    /**
     * Sets the publish time.
     *
     * @param time the time
     * @return this builder
     */
    public Builder publishTime(Instant time) {
      this.publishTime = Objects.requireNonNull(time, "publishTime");
      return this;
    }

    /**
     * Sets the delivery attempt.
     *
     * @param attempt the attempt, from 1
     * @return this builder
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public Builder deliveryAttempt(int attempt) {
      if (attempt < 1) {
        throw new IllegalArgumentException("deliveryAttempt counts from 1, was " + attempt);
      }
      this.deliveryAttempt = attempt;
      return this;
    }

    /**
     * Sets the ordering key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder orderingKey(String key) {
      this.orderingKey = Objects.requireNonNull(key, "orderingKey");
      return this;
    }

    /**
     * Builds the message.
     *
     * @return the message
     */
    public Message build() {
      return new Message(this);
    }
  }
}
