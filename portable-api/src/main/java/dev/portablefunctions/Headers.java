package dev.portablefunctions;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

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

  /**
   * Lower-case names to immutable lists, never changed once these headers exist: the empty {@code
   * Map.of()} or a {@link NameMap}, both unmodifiable. A builder may hold a {@link NameMap}'s
   * arrays ({@link Builder#shared}) and copies them before changing anything, so that building and
   * copying headers costs no copy until one is changed.
   */
  private final Map<String, List<String>> values;

  private Headers(Map<String, List<String>> values) {
    this.values = values;
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
    List<String> list = values.get(lowerCaseName);
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

  /**
   * The map behind non-empty headers: names and their value lists in two arrays, in order of first
   * arrival, looked up by a scan (headers are few; a name's cached hash is compared first). Lighter
   * than a {@code LinkedHashMap} (no table, no entry objects) and unmodifiable as it is, so that it
   * needs no wrapper. Its arrays may be shared with a builder, which never changes the slots below
   * {@link #size} of a map it built: it copies the arrays before any change.
   */
  static final class NameMap extends AbstractMap<String, List<String>> {

    final String[] names;
    final List<String>[] lists;
    final int size;
    private Set<Map.Entry<String, List<String>>> entries;

    /** Takes the arrays, whose first {@code size} slots are never changed afterwards. */
    NameMap(String[] names, List<String>[] lists, int size) {
      this.names = names;
      this.lists = lists;
      this.size = size;
    }

    /** Where {@code key} is among the first {@code size} names, or -1. */
    static int indexOf(String[] names, int size, String key) {
      int hash = key.hashCode();
      for (int i = 0; i < size; i++) {
        String candidate = names[i];
        if (candidate.hashCode() == hash && candidate.equals(key)) {
          return i;
        }
      }
      return -1;
    }

    private int indexOf(Object key) {
      return key instanceof String name ? indexOf(names, size, name) : -1;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean isEmpty() {
      return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public List<String> get(Object key) {
      int at = indexOf(key);
      return at < 0 ? null : lists[at];
    }

    @Override
    public List<String> getOrDefault(Object key, List<String> otherwise) {
      int at = indexOf(key);
      return at < 0 ? otherwise : lists[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
      Objects.requireNonNull(action, "action");
      for (int i = 0; i < size; i++) {
        action.accept(names[i], lists[i]);
      }
    }

    @Override
    public Set<Map.Entry<String, List<String>>> entrySet() {
      Set<Map.Entry<String, List<String>>> made = entries;
      if (made == null) {
        made = new Entries();
        entries = made; // racing threads may each make one: any will do
      }
      return made;
    }

    /** The entries, read-only: neither the iterator nor the entries change anything. */
    private final class Entries extends AbstractSet<Map.Entry<String, List<String>>> {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, List<String>>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, List<String>> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new AbstractMap.SimpleImmutableEntry<>(names[at], lists[at]);
          }
        };
      }
    }
  }

  /** Builds {@link Headers}. Not thread-safe; each {@link #build()} returns an independent copy. */
  public static final class Builder {

    /** Room for this many names when the first is added; real requests have a dozen or so. */
    private static final int FIRST_CAPACITY = 8;

    /**
     * Names, in order of first arrival, and their values: a single value as an immutable {@code
     * List.of}, several as an {@link ArrayList} this builder owns (made immutable when built). Null
     * while empty.
     */
    private String[] names;

    private List<String>[] lists;
    private int size;

    /**
     * Whether {@link #names} and {@link #lists} are also the arrays of built headers ({@link
     * #last}): they are copied before any change.
     */
    private boolean shared;

    /** The headers built last, while nothing has changed since. */
    private Headers last = EMPTY;

    private Builder() {}

    /** Starts from these headers, sharing their arrays until something changes. */
    void adopt(Headers headers) {
      if (headers.values instanceof NameMap map) {
        names = map.names;
        lists = map.lists;
        size = map.size;
        shared = true;
      } else {
        names = null;
        lists = null;
        size = 0;
        shared = false;
      }
      last = headers;
    }

    /**
     * Adds every value of {@code headers} (already valid and in lower case): when this builder is
     * still empty, by sharing their arrays, without copying anything.
     */
    void addAll(Headers headers) {
      if (size == 0) {
        adopt(headers);
        return;
      }
      headers.values.forEach(
          (name, list) -> {
            for (String value : list) {
              append(name, value);
            }
          });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writable(int room) {
      if (names == null) {
        names = new String[Math.max(FIRST_CAPACITY, room)];
        lists = new List[names.length];
      } else if (shared || size + room > names.length) {
        int capacity =
            size + room > names.length ? Math.max(size + room, names.length * 2) : names.length;
        names = Arrays.copyOf(names, capacity);
        lists = Arrays.copyOf(lists, capacity);
      }
      shared = false;
      last = null;
    }

    private int indexOf(String key) {
      return NameMap.indexOf(names, size, key);
    }

    private void append(String key, String value) {
      int at = indexOf(key);
      writable(at < 0 ? 1 : 0);
      if (at < 0) {
        names[size] = key;
        lists[size] = List.of(value);
        size++;
        return;
      }
      List<String> list = lists[at];
      if (list instanceof ArrayList) {
        list.add(value);
      } else {
        List<String> more = new ArrayList<>(list.size() + 2);
        more.addAll(list);
        more.add(value);
        lists[at] = more;
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
      int at = indexOf(normalize(name));
      if (at >= 0) {
        writable(0);
        System.arraycopy(names, at + 1, names, at, size - at - 1);
        System.arraycopy(lists, at + 1, lists, at, size - at - 1);
        size--;
        names[size] = null;
        lists[size] = null;
      }
      return this;
    }

    /**
     * Builds the headers.
     *
     * @return the headers
     */
    public Headers build() {
      if (size == 0) {
        return EMPTY;
      }
      if (last == null) {
        // The arrays become the headers' own: their lists immutable, and copied here before any
        // later change.
        for (int i = 0; i < size; i++) {
          if (lists[i] instanceof ArrayList) {
            lists[i] = List.copyOf(lists[i]);
          }
        }
        last = new Headers(new NameMap(names, lists, size));
        shared = true;
      }
      return last;
    }
  }
}
