package dev.portablefunctions.maven;

import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/** What every goal reads from the build: the project and how to resolve this library's modules. */
abstract class PortableMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  private RepositorySystemSession session;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  private List<RemoteRepository> repositories;

  // Deprecated for constructor injection, which Maven 3.8 (the oldest this plugin runs on) lacks.
  @SuppressWarnings("deprecation")
  @Component
  private RepositorySystem repositorySystem;

  /**
   * The project's class paths, with this library's modules at the version the project's BOM
   * manages, else this plugin's.
   *
   * @return the class paths
   */
  Classpaths classpaths() {
    return new Classpaths(project, repositorySystem, session, repositories, plugin.getVersion());
  }
}
