package com.example.nobom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs only in the build with the AWS and Azure adapters (profile "clouds", which also sets
 * PORTABLE_FUNCTION=quote): their entry points start and run on the dependency versions this
 * project resolved. Reflection, because the other build does not have them.
 */
@EnabledIfSystemProperty(named = "adapters", matches = "aws,azure")
class CloudAdaptersTest {

  @Test
  void theLambdaHandlerRunsATypedFunction() throws Exception {
    Class<?> handlerClass = Class.forName("dev.portablefunctions.aws.LambdaHandler");
    Object handler = handlerClass.getConstructor().newInstance();
    Method handle =
        handlerClass.getMethod(
            "handleRequest",
            InputStream.class,
            OutputStream.class,
            Class.forName("com.amazonaws.services.lambda.runtime.Context"));
    String event = "{\"item\":\"tea\",\"quantity\":2,\"orderedAt\":\"2024-05-01T10:00:00Z\"}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handle.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);

    assertEquals(
        "{\"item\":\"tea\",\"total\":5.00,\"validUntil\":\"2024-05-02T10:00:00Z\"}",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theAzureEntryPointLoads() throws Exception {
    Class.forName("dev.portablefunctions.azure.AzureFunctions").getConstructor().newInstance();
  }
}
