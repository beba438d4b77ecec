package dev.portablefunctions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable HTTP headers: multi-valued, with names looked up case-insensitively.
 *
 * <p>Names are kept in lower case ({@code Content-Type} is stored and listed as {@code
 * content-type}), as HTTP/2 sends them; values keep their order of arrival. A value that a provider
 * delivers comma-joined (Azure gives one value per name) stays one value: it is not split, since
 * commas are legal inside values such as dates and cookies.
 *
 * <pre>{@code
 * Headers headers = Headers.builder().add("Accept", "text/html").add("accept", "*\/*").build();
 * headers.first("ACCEPT");   // Optional[text/html]
 * headers.all("Accept");     // [text/html, *\/*]
 * }</pre>
 *
 * <p>Names and values may not contain CR, LF or NUL (a name not ':' either), so a header can never
 * split a response. {@link #toString()} hides the values of {@code Authorization}, {@code Cookie},
 * {@code Set-Cookie}, {@code Proxy-Authorization} and {@code X-Api-Key}, so logging headers does
 * not leak credentials.
 */
public final class Headers {

  private static final Headers EMPTY = new Headers(Map.of());
  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  /** An unmodifiable view of {@link #owned}. */
  private final Map<String, List<String>> values;

  /**
   * The map behind {@link #values}: lower-case names to immutable lists, never changed once these
   * headers exist. A builder may hold the same map ({@link Builder#shared}) and copies it before
   * changing anything, so that building and copying headers costs no copy until one is changed.
   */
  private final Map<String, List<String>> owned;

  private Headers(Map<String, List<String>> owned) {
    this.owned = owned;
    this.values = owned.isEmpty() ? owned : Collections.unmodifiableMap(owned);
  }

  /**
   * Returns headers with no entries.
   *
   * @return the empty headers
   */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Returns headers holding the given entries; names that differ only in case are merged, in
   * iteration order.
   *
   * @param headers names to values; neither names, value lists nor values may be null
   * @return the headers
   */
  public static Headers of(Map<String, ? extends Collection<String>> headers) {
    Objects.requireNonNull(headers, "headers");
    Builder builder = builder();
    headers.forEach(
        (name, list) -> {
          Objects.requireNonNull(list, () -> "values of header " + name);
          list.forEach(value -> builder.add(name, value));
        });
    return builder.build();
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty if the header is absent
   */
  public Optional<String> first(String name) {
    List<String> list = values.get(normalize(name));
    return list == null ? Optional.empty() : Optional.of(list.get(0));
  }

  /**
   * Returns every value of a header, in order of arrival.
   *
   * @param name the header name, in any case
   * @return the values; empty (never null) if the header is absent
   */
  public List<String> all(String name) {
    return values.getOrDefault(normalize(name), List.of());
  }

  /**
   * Tells whether a header is present.
   *
   * @param name the header name, in any case
   * @return whether it has at least one value
   */
  public boolean contains(String name) {
    return values.containsKey(normalize(name));
  }

  /**
   * Returns the header names, in lower case and in order of first arrival.
   *
   * @return the names; empty if there are none
   */
  public Set<String> names() {
    return values.keySet();
  }

  /**
   * Returns the headers as an unmodifiable map from lower-case name to its non-empty list of
   * values.
   *
   * @return the map
   */
  public Map<String, List<String>> asMap() {
    return values;
  }

  /**
   * Tells whether there are no headers.
   *
   * @return whether there are none
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Returns a builder that starts with these headers.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.adopt(this);
    return builder;
  }

  /**
   * The first value of a header whose name is already in lower case, or null: {@link #first}
   * without the {@code Optional}, for the adapters' and the pipeline's hot paths.
   */
  String firstOrNull(String lowerCaseName) {
    List<String> list = owned.get(lowerCaseName);
    return list == null ? null : list.get(0);
  }

  private static boolean hasLineBreakOrNul(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String name) {
    Objects.requireNonNull(name, "name");
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Headers that && that.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Returns the headers with sensitive values replaced by {@code <redacted>}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    values.forEach(
        (name, list) -> {
          if (text.length() > 1) {
            text.append(", ");
          }
          text.append(name).append('=').append(SENSITIVE.contains(name) ? "[<redacted>]" : list);
        });
    return text.append('}').toString();
  }

  /** Builds {@link Headers}. Not thread-safe; each {@link #build()} returns an independent copy. */
  public static final class Builder {

    /**
     * Names to values: a single value as an immutable {@code List.of}, several as an {@link
     * ArrayList} this builder owns (made immutable when built).
     */
    private Map<String, List<String>> values = EMPTY.owned;

    /**
     * Whether {@link #values} is also the map of built headers ({@link #last}), or the shared empty
     * map: it is copied before any change.
     */
    private boolean shared = true;

    /** The headers built last, while nothing has changed since. */
    private Headers last = EMPTY;

    private Builder() {}

    /** Starts from these headers, sharing their map until something changes. */
    void adopt(Headers headers) {
      values = headers.owned;
      shared = true;
      last = headers;
    }

    /**
     * Adds every value of {@code headers} (already valid and in lower case): when this builder is
     * still empty, by sharing their map, without copying anything.
     */
    void addAll(Headers headers) {
      if (values.isEmpty()) {
        adopt(headers);
        return;
      }
      headers.owned.forEach(
          (name, list) -> {
            for (String value : list) {
              append(name, value);
            }
          });
    }

    private void writable() {
      if (shared) {
        values = new LinkedHashMap<>(values);
        shared = false;
        last = null;
      }
    }

    private void append(String key, String value) {
      writable();
      List<String> list = values.get(key);
      if (list == null) {
        values.put(key, List.of(value));
      } else if (list instanceof ArrayList) {
        list.add(value);
      } else {
        List<String> more = new ArrayList<>(list.size() + 2);
        more.addAll(list);
        more.add(value);
        values.put(key, more);
      }
    }

    /**
     * Adds a value to a header, after any it already has.
     *
     * @param name the header name, in any case; must not be empty
     * @param value the value
     * @return this builder
     */
    public Builder add(String name, String value) {
      if (value == null) { // not requireNonNull with a message supplier: that is a lambda per call
        throw new NullPointerException("value of header " + name);
      }
      String key = normalize(name);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("header name must not be empty");
      }
      if (hasLineBreakOrNul(key) || key.indexOf(':') >= 0 || hasLineBreakOrNul(value)) {
        throw new IllegalArgumentException(
            "header " + key + " must not contain CR, LF or NUL (nor ':' in its name)");
      }
      append(key, value);
      return this;
    }

    /**
     * Replaces every value of a header with one value.
     *
     * @param name the header name, in any case
     * @param value the value
     * @return this builder
     */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /**
     * Removes a header.
     *
     * @param name the header name, in any case
     * @return this builder
     */
    public Builder remove(String name) {
      String key = normalize(name);
      if (values.containsKey(key)) {
        writable();
        values.remove(key);
      }
      return this;
    }

    /**
     * Builds the headers.
     *
     * @return the headers
     */
    public Headers build() {
      if (values.isEmpty()) {
        return EMPTY;
      }
      if (last == null) {
        // The map becomes the headers' own: its lists immutable, and copied here before any
        // later change.
        values.replaceAll((name, list) -> list instanceof ArrayList ? List.copyOf(list) : list);
        last = new Headers(values);
        shared = true;
      }
      return last;
    }
  }
}
