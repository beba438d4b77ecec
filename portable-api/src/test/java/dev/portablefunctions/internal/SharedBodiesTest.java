package dev.portablefunctions.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portablefunctions.HttpRequest;
import dev.portablefunctions.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedBodiesTest {

  @Test
  void aResponseBodyIsHandedOutWithoutACopy() {
    HttpResponse response = HttpResponse.ok().text("hello");

    byte[] shared = SharedBodies.body(response);

    assertThat(shared).isEqualTo(response.body());
    assertThat(SharedBodies.body(response)).isSameAs(shared);
    assertThat(response.body()).isNotSameAs(shared); // the public accessor still copies
  }

  @Test
  void anOwnedRequestBodyIsTheRequestsBody() {
    byte[] bytes = "payload".getBytes(StandardCharsets.UTF_8);

    HttpRequest request = SharedBodies.own(HttpRequest.builder("POST", "/"), bytes).build();

    assertThat(request.body()).isEqualTo(bytes);
    assertThat(request.bodyLength()).isEqualTo(bytes.length);
  }

  @Test
  void theAccessCannotBeReplaced() {
    HttpResponse.noContent(); // installed by now

    assertThatThrownBy(
            () ->
                SharedBodies.install(
                    new SharedBodies.Access() {
                      @Override
                      public byte[] body(HttpResponse response) {
                        return new byte[0];
                      }

                      @Override
                      public void own(HttpRequest.Builder builder, byte[] body) {}
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(SharedBodies.body(HttpResponse.ok().text("x"))).hasSize(1);
  }
}
