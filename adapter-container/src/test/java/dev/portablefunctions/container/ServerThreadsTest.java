package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ServerThreadsTest {

  private final ServerThreads threads = new ServerThreads(4, 1, 60_000);
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    threads.setName("test-pool");
    threads.start();
  }

  @AfterEach
  void stop() throws Exception {
    threads.stop();
  }

  private Runnable record(String name) {
    return () -> log.add(name + " on " + Thread.currentThread().getName());
  }

  @Test
  void aTaskExecutedInsideKeepHereRunsOnThisThreadOnceTheCallReturns() {
    String here = Thread.currentThread().getName();

    threads.keepHere(
        () -> {
          threads.execute(record("first"));
          threads.execute(record("second"));
          log.add("call returns");
        });

    assertThat(log).containsExactly("call returns", "first on " + here, "second on " + here);
  }

  @Test
  void aTaskExecutedOutsideKeepHereRunsOnThePool() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    threads.keepHere(() -> {});

    threads.execute(
        () -> {
          record("task").run();
          ran.countDown();
        });

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(log).singleElement().asString().startsWith("task on test-pool");
  }

  @Test
  void keptTasksRunWhenTheCallThrowsAndAFailingTaskDoesNotStopTheNext() {
    String here = Thread.currentThread().getName();

    assertThatThrownBy(
            () ->
                threads.keepHere(
                    () -> {
                      threads.execute(
                          () -> {
                            throw new IllegalStateException("a task's own failure");
                          });
                      threads.execute(record("after the failing task"));
                      throw new IllegalArgumentException("the call failed");
                    }))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(log).containsExactly("after the failing task on " + here);
  }

  @Test
  void aNestedKeepHereLeavesItsTasksToTheOuterOne() {
    threads.keepHere(
        () -> {
          threads.keepHere(() -> threads.execute(record("inner")));
          log.add("inner call returned");
        });

    assertThat(log)
        .containsExactly("inner call returned", "inner on " + Thread.currentThread().getName());
  }

  @Test
  void aKeptTaskThatExecutesAnotherSendsItToThePool() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);

    threads.keepHere(
        () ->
            threads.execute(
                () ->
                    threads.execute(
                        () -> {
                          record("second").run();
                          ran.countDown();
                        })));

    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(log).singleElement().asString().startsWith("second on test-pool");
  }
}
