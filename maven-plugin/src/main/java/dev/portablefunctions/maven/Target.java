package dev.portablefunctions.maven;

import java.io.IOException;
import java.util.List;

/**
 * One cloud the build packages for. A target first checks the build's settings against the
 * project's functions and reports every problem at once; only a build without problems is written.
 */
interface Target {

  /**
   * The target's id, its folder under {@code target/portable/} and its name in {@code <targets>}.
   *
   * @return {@code aws}, {@code azure} or {@code gcp}
   */
  String id();

  /**
   * The adapter module the artifact needs, by artifactId in {@code dev.portablefunctions}.
   *
   * @return the artifactId, such as {@code adapter-aws}
   */
  String adapter();

  /**
   * Checks the settings of every function for this target.
   *
   * @param build the project's functions and settings
   * @return one message per problem, each naming the function and the setting; empty if none
   */
  List<String> check(Build build);

  /**
   * Writes the artifact and its deploy descriptors into {@code build.output(id())}.
   *
   * @param build the project's functions, settings and jars, already checked
   * @param jars the project's jar and the runtime jars this target ships
   * @throws IOException if a file cannot be written
   */
  void write(Build build, Jars jars) throws IOException;

  /**
   * Formats a problem with a setting the same way on every target.
   *
   * @param function the function the setting belongs to
   * @param setting the setting, as its path in the POM, such as {@code <aws><queue>}
   * @param text what is wrong and what to do
   * @return the message, such as {@code function signup (a message function): <aws><queue> ...}
   */
  static String problem(IndexedFunction function, String setting, String text) {
    return "function " + function.describe() + ": " + setting + " " + text;
  }
}
