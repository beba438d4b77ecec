package dev.portablefunctions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An object was created or deleted in a bucket (S3, Cloud Storage) or container (Azure Blob
 * Storage).
 *
 * <p>The key is decoded: S3 sends keys URL-encoded with {@code +} for spaces, and the adapter
 * decodes them, so {@code key()} is the object's real name on every cloud.
 *
 * <pre>{@code
 * StorageEvent event = StorageEvent.builder("photos", "2024/cat.jpg", StorageEvent.Change.CREATED)
 *     .size(52_311).contentType("image/jpeg").build();
 * }</pre>
 */
public final class StorageEvent {

  /** What happened to the object. */
  public enum Change {
    /** The object was created or overwritten. */
    CREATED,
    /** The object was deleted. */
    DELETED
  }

  private final String bucket;
  private final String key;
  private final Change change;
  private final long size;
  private final String etag;
  private final String contentType;
  private final Instant time;

  private StorageEvent(Builder builder) {
    this.bucket = builder.bucket;
    this.key = builder.key;
    this.change = builder.change;
    this.size = builder.size;
    this.etag = builder.etag;
    this.contentType = builder.contentType;
    this.time = builder.time;
  }

  /**
   * Starts an event.
   *
   * @param bucket the bucket or container name
   * @param key the decoded object key or blob name
   * @param change what happened
   * @return a builder
   */
  public static Builder builder(String bucket, String key, Change change) {
    return new Builder(bucket, key, change);
  }

  /**
   * Returns the bucket (S3, Cloud Storage) or container (Azure) name.
   *
   * @return the bucket
   */
  public String bucket() {
    return bucket;
  }

  /**
   * Returns the decoded object key (blob name).
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns what happened.
   *
   * @return the change
   */
  public Change change() {
    return change;
  }

  /**
   * Returns the object's size in bytes, where the event says (deletions often do not).
   *
   * @return the size, or empty if unknown
   */
  public OptionalLong size() {
    return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /**
   * Returns the object's entity tag, as the provider writes it.
   *
   * @return the etag, or empty if unknown
   */
  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  /**
   * Returns the object's content type, where the event says.
   *
   * @return the content type, or empty if unknown
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Returns when the change happened, where the event says.
   *
   * @return the time, or empty if unknown
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof StorageEvent that)) {
      return false;
    }
    return bucket.equals(that.bucket)
        && key.equals(that.key)
        && change == that.change
        && size == that.size
        && Objects.equals(etag, that.etag)
        && Objects.equals(contentType, that.contentType)
        && Objects.equals(time, that.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, key, change, size, etag, contentType, time);
  }

  @Override
  public String toString() {
    return "StorageEvent[" + change + " " + bucket + "/" + key + "]";
  }

  /** Builds a {@link StorageEvent}. Not thread-safe. */
  public static final class Builder {

    private final String bucket;
    private final String key;
    private final Change change;
    private long size = -1;
    private String etag;
    private String contentType;
    private Instant time;

    private Builder(String bucket, String key, Change change) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.key = Objects.requireNonNull(key, "key");
      this.change = Objects.requireNonNull(change, "change");
      if (bucket.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException("bucket and key must not be empty");
      }
    }

    /**
     * Sets the size.
     *
     * @param bytes the size in bytes, zero or more
     * @return this builder
     */
    public Builder size(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("size must not be negative, was " + bytes);
      }
      this.size = bytes;
      return this;
    }

    /**
     * Sets the entity tag.
     *
     * @param etag the etag
     * @return this builder
     */
    public Builder etag(String etag) {
      this.etag = Objects.requireNonNull(etag, "etag");
      return this;
    }

    /**
     * Sets the content type.
     *
     * @param contentType the media type
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /**
     * Sets the time of the change.
     *
     * @param time the time
     * @return this builder
     */
    public Builder time(Instant time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     */
    public StorageEvent build() {
      return new StorageEvent(this);
    }
  }
}
