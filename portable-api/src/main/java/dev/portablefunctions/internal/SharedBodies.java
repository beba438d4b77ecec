package dev.portablefunctions.internal;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.util.Objects;

/**
 * Lets the adapters hand bodies to and from {@link HttpRequest} and {@link HttpResponse} without
 * the defensive copies the public methods make: a request body the adapter has just read, and a
 * response body it only writes out. The arrays must not be changed afterwards. For adapters only;
 * functions use the public API.
 */
public final class SharedBodies {

  /** What {@code dev.portablefunctions} gives this class; implemented there only. */
  public interface Access {

    /**
     * Returns a response's body itself.
     *
     * @param response the response
     * @return its body, not a copy
     */
    byte[] body(HttpResponse response);

    /**
     * Sets a request builder's body to this array itself.
     *
     * @param builder the builder
     * @param body the body, which the builder now owns
     */
    void own(HttpRequest.Builder builder, byte[] body);
  }

  private static volatile Access access;

  private SharedBodies() {}

  /**
   * Installs the access, once; called by {@link HttpResponse} when it is initialized.
   *
   * @param implementation the access, from {@code dev.portablefunctions}
   * @throws IllegalStateException if it was installed already, or comes from another package
   */
  public static synchronized void install(Access implementation) {
    if (access != null
        || !implementation.getClass().getPackageName().equals("dev.portablefunctions")) {
      throw new IllegalStateException("SharedBodies is installed by dev.portablefunctions only");
    }
    access = implementation;
  }

  /**
   * Returns a response's body without copying it: the caller writes it out and does not change it.
   *
   * @param response the response
   * @return the body
   */
  public static byte[] body(HttpResponse response) {
    return access().body(Objects.requireNonNull(response, "response"));
  }

  /**
   * Sets a request's body to an array the caller has just filled and gives up.
   *
   * @param builder the builder
   * @param body the body; not to be changed afterwards
   * @return the builder
   */
  public static HttpRequest.Builder own(HttpRequest.Builder builder, byte[] body) {
    access().own(builder, Objects.requireNonNull(body, "body"));
    return builder;
  }

  private static Access access() {
    Access result = access;
    if (result == null) {
      try {
        // HttpResponse installs the access when it is initialized.
        Class.forName(HttpResponse.class.getName(), true, HttpResponse.class.getClassLoader());
      } catch (ClassNotFoundException impossible) {
        throw new IllegalStateException(impossible);
      }
      result = access;
    }
    return result;
  }
}
