package dev.herald.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.api.Event;
import dev.herald.api.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MpscEventQueueTest {

  private static Event event(String operation) {
    return Event.builder("queue", Phase.AFTER, operation).build();
  }

  @Test
  void roundsCapacityUpToAPowerOfTwoAndRefusesWhenFull() {
    MpscEventQueue queue = new MpscEventQueue(5);

    assertThat(queue.capacity()).isEqualTo(8);
    for (int i = 0; i < 8; i++) {
      assertThat(queue.offer(event("e" + i))).as("offer %d", i).isTrue();
    }
    assertThat(queue.offer(event("e8"))).isFalse();
    assertThat(queue.size()).isEqualTo(8);
    assertThat(queue.producerIndex()).isEqualTo(8);
  }

  @Test
  void takesInOfferOrderAcrossManyLaps() {
    MpscEventQueue queue = new MpscEventQueue(4);
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      assertThat(queue.offer(event("e" + i))).isTrue();
      if (i % 3 == 2) { // let the queue fill part-way, then drain
        for (Event e = queue.poll(); e != null; e = queue.poll()) {
          taken.add(e.operation());
        }
      }
    }
    for (Event e = queue.relaxedPoll(); e != null; e = queue.relaxedPoll()) {
      taken.add(e.operation());
    }

    assertThat(taken).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(taken.get(i)).isEqualTo("e" + i);
    }
    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.consumerIndex()).isEqualTo(100);
    assertThat(queue.poll()).isNull();
  }

  @Test
  void deliversEveryOfferOfManyPublishersOnceAndInEachPublishersOrder() throws Exception {
    int publishers = 4;
    int each = 50_000;
    MpscEventQueue queue = new MpscEventQueue(64);
    Event[][] sent = new Event[publishers][each];
    for (int p = 0; p < publishers; p++) {
      for (int i = 0; i < each; i++) {
        sent[p][i] = event("p" + p);
      }
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < publishers; p++) {
      Event[] mine = sent[p];
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (Event e : mine) {
          while (!queue.offer(e)) {
            Thread.onSpinWait();
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    int[] next = new int[publishers];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (int received = 0; received < publishers * each; ) {
      Event e = queue.relaxedPoll();
      if (e == null) {
        assertThat(System.nanoTime()).as("events still missing after 60 s: %d received", received)
            .isLessThan(deadline);
        continue;
      }
      int p = e.operation().charAt(1) - '0';
      assertThat(e).as("publisher %d's event %d", p, next[p]).isSameAs(sent[p][next[p]]);
      next[p]++;
      received++;
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }

    assertThat(next).containsOnly(each);
    assertThat(queue.poll()).isNull();
    assertThat(queue.producerIndex()).isEqualTo((long) publishers * each);
  }
}
