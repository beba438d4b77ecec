package dev.portablefunctions.samples.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The function as the adapters create it: from the build-time index, on the default library. */
@ExtendWith(LocalFunctionsExtension.class)
class DefaultLibraryTest {

  @Test
  void servesBooksFromAnyOriginByDefault(LocalInvoker invoker) {
    HttpResponse created =
        invoker.http(
            "books",
            HttpRequest.builder("POST", "/books")
                .header("Content-Type", "application/json")
                .header("Origin", "http://localhost:3000")
                .body("{\"isbn\":\"9780306406157\",\"title\":\"T\",\"author\":\"A\",\"year\":1999}")
                .build());

    assertThat(created.statusCode()).isIn(201, 409);
    assertThat(created.headers().first("Access-Control-Allow-Origin")).contains("*");
    assertThat(
            invoker
                .http("books", HttpRequest.builder("GET", "/books/9780306406157").build())
                .statusCode())
        .isEqualTo(200);
  }
}
