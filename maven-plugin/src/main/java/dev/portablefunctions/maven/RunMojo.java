package dev.portablefunctions.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Serves the project's functions on the container server (the one the container image runs), the
 * way the Functions Framework's {@code mvn function:run} does: {@code mvn portable:run}, then
 * {@code curl localhost:8080/<function>}. The project is compiled first; the server runs in a JVM
 * of its own over the project's classes, its runtime dependencies and {@code adapter-container},
 * until Ctrl-C.
 *
 * <p>Configured like the server itself, with the variables of its documentation ({@code PORT},
 * {@code PORTABLE_FUNCTION}, {@code PORTABLE_LOG_LEVEL}, ...) or the properties below, which set
 * them.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public final class RunMojo extends PortableMojo {

  static final String SERVER = ContainerTarget.SERVER;

  /** The port ({@code PORT}). */
  @Parameter(property = "portable.port")
  private Integer port;

  /** Serve only this function, at {@code /} ({@code PORTABLE_FUNCTION}). */
  @Parameter(property = "portable.function")
  private String function;

  /** The address to listen on ({@code PORTABLE_HOST}); 127.0.0.1 by default, 0.0.0.0 for all. */
  @Parameter(property = "portable.host")
  private String host;

  /** Options of the server's JVM, such as {@code -Xmx256m} or a debugger agent. */
  @Parameter(property = "portable.jvmArgs")
  private List<String> jvmArgs;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Classpaths classpaths = classpaths();
    List<String> classpath = new ArrayList<>();
    classpath.add(project.getBuild().getOutputDirectory());
    for (Path jar : classpaths.runtimeWith("adapter-container")) {
      classpath.add(jar.toString());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (jvmArgs != null) {
      command.addAll(jvmArgs);
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(SERVER);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> environment = builder.environment();
    if (port != null) {
      environment.put("PORT", port.toString());
    }
    if (function != null && !function.isBlank()) {
      environment.put("PORTABLE_FUNCTION", function.trim());
    }
    // The container server listens on every interface by default; on a developer's machine,
    // loopback unless asked otherwise.
    environment.put("PORTABLE_HOST", host != null && !host.isBlank() ? host.trim() : "127.0.0.1");
    getLog().info("Starting the local server (Ctrl-C stops it)");
    Process server;
    try {
      server = builder.start();
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot start " + command.get(0), e);
    }
    Thread stop = new Thread(server::destroy, "portable-run-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      int exit = server.waitFor();
      if (exit != 0 && exit != 130 && exit != 143) {
        throw new MojoFailureException("The local server exited with status " + exit);
      }
    } catch (InterruptedException e) {
      server.destroy();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs
      }
    }
  }
}
