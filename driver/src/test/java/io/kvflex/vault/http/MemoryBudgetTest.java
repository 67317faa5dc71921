package io.kvflex.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvflex.errors.ErrorKind;
import io.kvflex.errors.OutOfMemory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Never passes: waits in these tests end by a release, not by time. */
  private static final Deadline LATER = Deadline.after(CLOCK, Duration.ofDays(1));

  private static final Deadline PASSED = new Deadline(CLOCK, CLOCK.instant().minusSeconds(1));

  @Test
  void chargesAddUpAndAClosedHoldReleasesThemAll() {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    MemoryBudget.Hold a = budget.open();
    a.charge(30, LATER);
    a.charge(20, LATER);
    MemoryBudget.Hold b = budget.open();
    b.charge(50, LATER);
    assertThat(budget.used()).isEqualTo(100);
    assertThat(a.held()).isEqualTo(50);
    a.close();
    a.close();
    assertThat(budget.used()).isEqualTo(50);
    b.close();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aCallHoldingPartFailsAtOnceWhenTheRestIsTaken() {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    MemoryBudget.Hold other = budget.open();
    other.charge(60, LATER);
    MemoryBudget.Hold call = budget.open();
    call.charge(30, LATER);
    assertThatThrownBy(() -> call.charge(20, LATER)).isInstanceOf(MemoryBudgetExceeded.class);
    assertThat(budget.waiting()).isZero();
    assertThat(call.held()).isEqualTo(30);
    call.close();
    other.close();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aChargeLargerThanTheWholeBudgetFailsAtOnceEvenForAnEmptyCall() {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    MemoryBudget.Hold call = budget.open();
    assertThatThrownBy(() -> call.charge(101, LATER)).isInstanceOf(MemoryBudgetExceeded.class);
    call.charge(60, LATER);
    assertThatThrownBy(() -> call.charge(41, LATER)).isInstanceOf(MemoryBudgetExceeded.class);
    assertThat(budget.used()).isEqualTo(60);
  }

  @Test
  void aCallHoldingNothingWaitsForAReleaseAndThenProceeds() throws Exception {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    MemoryBudget.Hold holder = budget.open();
    holder.charge(80, LATER);
    MemoryBudget.Hold waiter = budget.open();
    CompletableFuture<Void> charged = CompletableFuture.runAsync(() -> waiter.charge(50, LATER));
    // The waiter is parked on the budget (no timing: poll the budget's own count).
    while (budget.waiting() == 0) {
      assertThat(charged).isNotDone();
      Thread.onSpinWait();
    }
    assertThat(charged).isNotDone();
    holder.close();
    charged.get(5, TimeUnit.MINUTES);
    assertThat(waiter.held()).isEqualTo(50);
    assertThat(budget.used()).isEqualTo(50);
  }

  @Test
  void aWaitEndsAtTheDeadlineWithTheRefusal() {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    budget.open().charge(80, LATER);
    MemoryBudget.Hold call = budget.open();
    assertThatThrownBy(() -> call.charge(50, PASSED)).isInstanceOf(MemoryBudgetExceeded.class);
    assertThat(call.held()).isZero();
  }

  @Test
  void anInterruptedWaitIsRefusedAndKeepsTheInterrupt() throws Exception {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    budget.open().charge(80, LATER);
    MemoryBudget.Hold call = budget.open();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                call.charge(50, LATER);
                interrupted.complete(false);
              } catch (MemoryBudgetExceeded e) {
                interrupted.complete(Thread.currentThread().isInterrupted());
              }
            });
    t.start();
    while (budget.waiting() == 0) {
      Thread.onSpinWait();
    }
    t.interrupt();
    assertThat(interrupted.get(5, TimeUnit.MINUTES)).isTrue();
    assertThat(budget.used()).isEqualTo(80);
  }

  @Test
  void aClosedHoldRefusesLateChargesAndCountsNothing() {
    MemoryBudget budget = MemoryBudget.of(100, "KVFLEX_AGENT_MEMORY");
    MemoryBudget.Hold call = budget.open();
    call.close();
    assertThatThrownBy(() -> call.charge(10, LATER)).isInstanceOf(MemoryBudgetExceeded.class);
    assertThat(budget.used()).isZero();
  }

  @Test
  void unboundedCountsNothingAndNeverRefuses() {
    MemoryBudget.Hold call = MemoryBudget.unbounded().open();
    call.charge(Long.MAX_VALUE / 2, PASSED);
    call.charge(Long.MAX_VALUE / 2, PASSED);
    call.close();
    assertThat(MemoryBudget.unbounded().used()).isZero();
  }

  @Test
  void manyCallsAtOnceNeverOverspendAndNeverDeadlock()
      throws InterruptedException, ExecutionException {
    MemoryBudget budget = MemoryBudget.of(1000, "KVFLEX_AGENT_MEMORY");
    int calls = 16;
    CompletableFuture<?>[] done = new CompletableFuture<?>[calls];
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(calls);
    java.util.concurrent.atomic.AtomicLong over = new java.util.concurrent.atomic.AtomicLong();
    for (int c = 0; c < calls; c++) {
      done[c] =
          CompletableFuture.runAsync(
              () -> {
                for (int round = 0; round < 50; round++) {
                  try (MemoryBudget.Hold hold = budget.open()) {
                    for (int part = 0; part < 5; part++) {
                      hold.charge(60, LATER);
                      if (budget.used() > budget.limit()) {
                        over.incrementAndGet();
                      }
                    }
                  } catch (MemoryBudgetExceeded e) {
                    // this call failed; the others go on
                  }
                }
              },
              pool);
    }
    CompletableFuture.allOf(done).get();
    pool.shutdown();
    assertThat(over.get()).isZero();
    assertThat(budget.used()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void theRefusalSpeaksTheDriversOutOfMemoryWordsNamingTheBudget() {
    MemoryBudget budget = MemoryBudget.of(40L * 1024 * 1024, "KVFLEX_AGENT_MEMORY");
    MemoryBudgetExceeded refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            MemoryBudgetExceeded.class, () -> budget.open().charge(41L * 1024 * 1024, LATER));
    String doing = "fetch secret/db (latest)";
    String message = refused.failure(doing).getMessage();
    assertThat(refused.failure(doing).kind()).isEqualTo(OutOfMemory.during(doing).kind());
    assertThat(refused.failure(doing).kind()).isEqualTo(ErrorKind.USER_INPUT);
    assertThat(message)
        .isEqualTo(
            "the driver ran out of memory (the node agent's memory for vault answers is limited"
                + " to 40 MiB, KVFLEX_AGENT_MEMORY) during fetch secret/db (latest); fix: list"
                + " fewer objects per volume (split them over several volumes), or raise"
                + " KVFLEX_AGENT_MEMORY; each volume's objects are held in memory until all are"
                + " written");
    // The in-process words but for the limit and the setting.
    assertThat(OutOfMemory.during(doing).getMessage())
        .matches(
            "the driver ran out of memory \\(its Java heap is limited to \\d+ MiB\\) during fetch"
                + " secret/db \\(latest\\); fix: list fewer objects per volume \\(split them over"
                + " several volumes\\); each volume's objects are held in memory until all are"
                + " written");
  }
}
