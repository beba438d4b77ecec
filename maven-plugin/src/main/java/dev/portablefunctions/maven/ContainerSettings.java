package dev.portablefunctions.maven;

import java.util.List;
import java.util.Optional;

/**
 * The container image and its deployment: the plugin's {@code <container>} element. Every setting
 * is optional.
 *
 * <pre>{@code
 * <container>
 *   <image>europe-docker.pkg.dev/my-project/functions/orders:1.0</image>
 *   <baseImage>eclipse-temurin:21-jre</baseImage>
 *   <concurrency>80</concurrency>
 *   <function>greet</function>
 * </container>
 * }</pre>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code image}</td><td>the image's reference, written into the tar and the manifests
 *       </td><td>{@code <artifactId>:<version>}</td></tr>
 *   <tr><td>{@code baseImage}</td><td>the image the layers go on: a registry reference, {@code
 *       docker://} for the local daemon, {@code tar://} for a saved image, or {@code scratch}
 *       </td><td>{@code eclipse-temurin:21-jre}</td></tr>
 *   <tr><td>{@code java}</td><td>the {@code java} command in the base image</td><td>{@code
 *       java}</td></tr>
 *   <tr><td>{@code jvmFlags}</td><td>JVM options before the class path</td><td>{@code
 *       -XX:MaxRAMPercentage=75}</td></tr>
 *   <tr><td>{@code user}</td><td>the user the server runs as</td><td>{@code 65532:65532} (not
 *       root)</td></tr>
 *   <tr><td>{@code port}</td><td>the port the server listens on ({@code PORT})</td><td>8080</td></tr>
 *   <tr><td>{@code concurrency}</td><td>requests served at once; the server's limit and Knative's
 *       {@code containerConcurrency}</td><td>80</td></tr>
 *   <tr><td>{@code function}</td><td>serve only this function, at {@code /}
 *       ({@code PORTABLE_FUNCTION})</td><td>every function at {@code /<name>}</td></tr>
 *   <tr><td>{@code shutdownSeconds}</td><td>how long in-flight requests may finish after SIGTERM
 *       </td><td>10</td></tr>
 * </table>
 */
public class ContainerSettings {

  private String image;
  private String baseImage;
  private String java;
  private List<String> jvmFlags;
  private String user;
  private Integer port;
  private Integer concurrency;
  private String function;
  private Integer shutdownSeconds;

  /** For Maven. */
  public ContainerSettings() {}

  Optional<String> image() {
    return FunctionSettings.text(image);
  }

  String baseImage() {
    return FunctionSettings.text(baseImage).orElse("eclipse-temurin:21-jre");
  }

  String java() {
    return FunctionSettings.text(java).orElse("java");
  }

  List<String> jvmFlags() {
    return jvmFlags == null ? List.of("-XX:MaxRAMPercentage=75") : List.copyOf(jvmFlags);
  }

  String user() {
    return FunctionSettings.text(user).orElse("65532:65532");
  }

  int port() {
    return port == null ? 8080 : port;
  }

  int concurrency() {
    return concurrency == null ? 80 : concurrency;
  }

  Optional<String> function() {
    return FunctionSettings.text(function);
  }

  int shutdownSeconds() {
    return shutdownSeconds == null ? 10 : shutdownSeconds;
  }

  ContainerSettings image(String value) {
    this.image = value;
    return this;
  }

  ContainerSettings baseImage(String value) {
    this.baseImage = value;
    return this;
  }

  ContainerSettings java(String value) {
    this.java = value;
    return this;
  }

  ContainerSettings jvmFlags(List<String> value) {
    this.jvmFlags = value;
    return this;
  }

  ContainerSettings user(String value) {
    this.user = value;
    return this;
  }

  ContainerSettings port(int value) {
    this.port = value;
    return this;
  }

  ContainerSettings concurrency(int value) {
    this.concurrency = value;
    return this;
  }

  ContainerSettings function(String value) {
    this.function = value;
    return this;
  }

  ContainerSettings shutdownSeconds(int value) {
    this.shutdownSeconds = value;
    return this;
  }
}
