package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import dev.portablefunctions.local.LocalFunctionsExtension;
import dev.portablefunctions.local.LocalInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalFunctionsExtension.class)
class FunctionsTest {

  @Test
  void greetsByName(LocalInvoker invoker) {
    HttpResponse response =
        invoker.http("greet", HttpRequest.builder("GET", "/").query("name", "Ada").build());

    assertEquals(200, response.statusCode());
    assertEquals("{\"message\":\"Hello, Ada\",\"cloud\":\"LOCAL\"}", response.bodyAsString());
  }
}
