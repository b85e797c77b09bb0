package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCountersTest {

  @Test
  void sumsWhatEveryThreadAddedToASlotAndNothingOfOtherSlots() throws Exception {
    int slot = ThreadCounters.newSlot();
    int other = ThreadCounters.newSlot();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        ThreadCounters.Cells cells = ThreadCounters.current();
        for (int i = 0; i < 100_000; i++) {
          cells.add(slot, 1);
        }
        cells.add(other, 7);
      });
      thread.start();
      threads.add(thread);
    }
    ThreadCounters.current().add(slot, 5);
    for (Thread thread : threads) {
      thread.join(30_000);
    }

    assertThat(ThreadCounters.sum(slot)).isEqualTo(400_005);
    assertThat(ThreadCounters.sum(other)).isEqualTo(28);
    assertThat(ThreadCounters.sum(ThreadCounters.newSlot())).isZero();
  }

  @Test
  void keepsTheCountsOfThreadsThatEndedWhenTheirCellsAreFolded() throws Exception {
    int slot = ThreadCounters.newSlot();
    // more short-lived threads than the fold threshold, so that ended threads' cells are folded
    for (int t = 0; t < 300; t++) {
      Thread thread = new Thread(() -> ThreadCounters.current().add(slot, 2));
      thread.start();
      thread.join(30_000);
    }

    assertThat(ThreadCounters.sum(slot)).isEqualTo(600);
  }

  @Test
  void growsACellForSlotsMadeAfterTheThreadFirstCounted() {
    ThreadCounters.Cells cells = ThreadCounters.current();
    int late = -1;
    for (int i = 0; i < 40; i++) {
      late = ThreadCounters.newSlot();
    }
    cells.add(late, 3);

    assertThat(ThreadCounters.sum(late)).isEqualTo(3);
  }
}
