package dev.portablefunctions.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portablefunctions.container.ConcurrencyLimiter.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConcurrencyLimiterTest {

  private final List<String> resumed = new ArrayList<>();

  private ConcurrencyLimiter.Parked parked(String name) {
    return new ConcurrencyLimiter.Parked() {
      @Override
      public void resume() {
        resumed.add(name);
      }

      @Override
      public void abort(Throwable reason) {
        resumed.add(name + " aborted");
      }
    };
  }

  @Test
  void admitsUpToTheLimitThenParksUpToTheQueueThenRejects() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, 1, Runnable::run);

    assertThat(limiter.acquire(parked("a"))).isEqualTo(Admission.RUN);
    assertThat(limiter.acquire(parked("b"))).isEqualTo(Admission.RUN);
    assertThat(limiter.acquire(parked("c"))).isEqualTo(Admission.QUEUED);
    assertThat(limiter.acquire(parked("d"))).isEqualTo(Admission.REJECTED);
    assertThat(limiter.running()).isEqualTo(2);
    assertThat(limiter.parked()).isEqualTo(1);
  }

  @Test
  void aReleasedPermitGoesToTheLongestParkedRequest() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 2, Runnable::run);
    limiter.acquire(parked("a"));
    limiter.acquire(parked("b"));
    limiter.acquire(parked("c"));

    limiter.release();
    assertThat(resumed).containsExactly("b");
    assertThat(limiter.running()).isEqualTo(1);
    limiter.release();
    limiter.release();

    assertThat(resumed).containsExactly("b", "c");
    assertThat(limiter.running()).isZero();
    assertThat(limiter.acquire(parked("d"))).isEqualTo(Admission.RUN);
  }

  @Test
  void aZeroQueueRejectsAtTheLimit() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 0, Runnable::run);

    assertThat(limiter.acquire(parked("a"))).isEqualTo(Admission.RUN);
    assertThat(limiter.acquire(parked("b"))).isEqualTo(Admission.REJECTED);
    limiter.release();
    assertThat(limiter.acquire(parked("c"))).isEqualTo(Admission.RUN);
  }

  @Test
  void aParkedRequestTheExecutorRefusesIsAborted() {
    ConcurrencyLimiter limiter =
        new ConcurrencyLimiter(
            1,
            1,
            task -> {
              throw new RejectedExecutionException("stopping");
            });
    limiter.acquire(parked("a"));
    limiter.acquire(parked("b"));

    limiter.release();

    assertThat(resumed).containsExactly("b aborted");
  }

  @Test
  void neverRunsMoreThanTheLimitUnderContention() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      AtomicInteger rejected = new AtomicInteger();
      ConcurrencyLimiter[] holder = new ConcurrencyLimiter[1];
      ConcurrencyLimiter limiter = new ConcurrencyLimiter(3, 1000, pool);
      holder[0] = limiter;
      class Work implements ConcurrencyLimiter.Parked {
        @Override
        public void resume() {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.onSpinWait();
          running.decrementAndGet();
          done.incrementAndGet();
          holder[0].release();
        }

        @Override
        public void abort(Throwable reason) {
          throw new AssertionError(reason);
        }
      }
      List<Future<?>> callers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        callers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    Work work = new Work();
                    switch (limiter.acquire(work)) {
                      case RUN -> work.resume();
                      case QUEUED -> {}
                      case REJECTED -> rejected.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> caller : callers) {
        caller.get(15, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (done.get() + rejected.get() < 16_000 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }

      assertThat(done.get() + rejected.get()).isEqualTo(16_000);
      assertThat(most.get()).isLessThanOrEqualTo(3);
      assertThat(limiter.running()).isZero();
      assertThat(limiter.parked()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
