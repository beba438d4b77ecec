package dev.portablefunctions.it.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} wrote for samples/api, for each cloud serves {@code /books} over HTTP,
 * open to browsers. Runs after {@code package} (Failsafe).
 */
class ApiPackagingIT {

  private final Packaged packaged = new Packaged("api");

  @Test
  void samTemplateGivesTheFunctionAnHttpApiOfItsOwn() {
    assertThat(packaged.samResource("Books"))
        .contains("PORTABLE_FUNCTION: \"books\"", "Type: \"HttpApi\"", "Ref: \"BooksApi\"")
        .doesNotContain("Path:");
  }

  @Test
  void azureRoutesBooksWithoutAFunctionKeyAndTakesPreflights() {
    JsonNode http = packaged.azureTrigger("books");
    assertThat(http.path("type").asText()).isEqualTo("httpTrigger");
    assertThat(http.path("route").asText()).isEqualTo("books/{*path}");
    assertThat(http.path("authLevel").asText()).isEqualTo("anonymous");
    assertThat(http.path("methods").toString()).isEqualTo("[\"get\",\"post\",\"options\"]");
  }

  @Test
  void cloudFunctionsServesItPublicly() {
    assertThat(packaged.gcloudDeploy("books"))
        .contains(
            "--entry-point=dev.portablefunctions.gcp.GcpHttpFunction",
            "--trigger-http",
            "--allow-unauthenticated");
  }

  @Test
  void containerImageAndManifestsAreWritten() throws java.io.IOException {
    packaged.assertContainerImageAndManifests();
  }
}
