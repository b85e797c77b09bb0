package dev.herald.examples.slack;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts queued messages to the webhook from one daemon thread, {@code herald-slack-sender}.
 *
 * <p>{@link #offer(String)} never blocks: a full queue drops the message and counts it. Each
 * message is attempted up to {@code maxAttempts} times: a 2xx answer is success; a 5xx answer, a
 * timeout or an I/O error is retried after the backoff (doubling, at most 30s); a 429 is retried
 * after its {@code Retry-After} seconds (at most {@code maxRetryAfter}); any other answer gives up
 * at once. Once {@link #stop} is called, nothing is retried any more: each message left gets one
 * attempt within the drain time. Logs name the webhook's host only, never its path, which holds
 * the token.
 *
 * <p>Safe for concurrent use: {@link #offer} from any thread; start and stop from one.
 */
final class SlackSender implements Runnable {

  private static final long STOP_GRACE_MILLIS = 200;
  /** At most one line per minute about messages dropped from a full queue. */
  static final long DROP_REPORT_INTERVAL_NANOS = 60_000_000_000L;

  /** Waits between attempts; tests replace it to record the waits instead of waiting. */
  @FunctionalInterface
  interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final URI webhook;
  private final String where;
  private final SlackSettings settings;
  private final Pause pause;
  private HttpClient client; // made by the sender thread, which alone uses it, for the first message
  private final BlockingQueue<String> queue;
  private final Thread thread = new Thread(this, "herald-slack-sender");
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong nextDropReport = new AtomicLong(System.nanoTime());
  private final AtomicLong droppedReported = new AtomicLong();
  private volatile boolean closing;
  private volatile boolean pausing; // the sender thread waits between attempts

  SlackSender(SlackSettings settings, Pause pause) {
    this.webhook = settings.webhook();
    this.where = webhook.getScheme() + "://" + webhook.getHost() + (webhook.getPort() < 0 ? "" : ":" + webhook.getPort());
    this.settings = settings;
    this.pause = pause;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    thread.setDaemon(true); // a webhook that hangs must never keep the application's JVM alive
  }

  void start() {
    thread.start();
  }

  /** Queues a JSON body; false (and counted) if the queue is full or the sender is stopping. */
  boolean offer(String body) {
    if (!closing && queue.offer(body)) {
      queued.incrementAndGet();
      return true;
    }
    dropped.incrementAndGet();
    if (!closing) {
      reportDrops();
    }
    return false;
  }

  /**
   * A full queue: the first drop is told at once, later ones at most once a minute, so that a
   * webhook slower than the events matching the rules does not lose messages unseen until the
   * application exits (the count at stop), nor floods the log.
   */
  private void reportDrops() {
    long now = System.nanoTime();
    long next = nextDropReport.get();
    if (now - next < 0 || !nextDropReport.compareAndSet(next, now + DROP_REPORT_INTERVAL_NANOS)) {
      return;
    }
    long all = dropped.get();
    long recent = all - droppedReported.getAndSet(all);
    Log.LOG.log(Level.WARNING, "slack: dropped " + recent + " message" + (recent == 1 ? "" : "s")
        + " since the last report, " + all + " in all: the queue of " + settings.queueCapacity()
        + " (queue-capacity) was full, the webhook at " + where + " being slower than the events"
        + " the rules match; raise queue-capacity or narrow the rules (told at most once a minute)");
  }

  /**
   * Lets the thread make one attempt at each queued message for up to {@code drain} (cutting short a
   * wait between retries), then interrupts it and waits for it a little more (an interrupted
   * request ends at once); counts what is left as failed.
   */
  void stop(Duration drain) throws InterruptedException {
    closing = true;
    if (pausing) {
      thread.interrupt();
    }
    thread.join(Math.max(1, drain.toMillis()));
    thread.interrupt();
    thread.join(STOP_GRACE_MILLIS);
    failed.addAndGet(queue.size());
    queue.clear();
    synchronized (this) {
      notifyAll();
    }
  }

  SlackStatistics statistics() {
    return new SlackStatistics(queued.get(), sent.get(), retried.get(), failed.get(), dropped.get());
  }

  /** Waits until every queued message was sent or given up, or the timeout passes; true if it was. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (queued.get() > sent.get() + failed.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void run() {
    try {
      while (!(closing && queue.isEmpty())) {
        String body = queue.poll(100, TimeUnit.MILLISECONDS);
        if (body != null) {
          try {
            send(body);
          } catch (InterruptedException e) {
            failed.incrementAndGet(); // the message in hand: neither sent nor left in the queue
            throw e;
          }
          synchronized (this) {
            notifyAll();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop() gave up waiting: what is left is counted there
    }
  }

  private void send(String body) throws InterruptedException {
    if (client == null) {
      // Not in start(): the JDK's first HttpClient (TLS set-up included) takes a few hundred
      // milliseconds of CPU, and plugins start while the application starts.
      client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }
    HttpRequest request = HttpRequest.newBuilder(webhook).timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    Duration backoff = settings.backoff();
    for (int attempt = 1; ; attempt++) {
      String problem;
      Duration wait = backoff;
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status / 100 == 2) {
          sent.incrementAndGet();
          return;
        }
        problem = "answered " + status;
        if (status == 429) {
          wait = retryAfter(response, backoff);
        } else if (status / 100 != 5) {
          giveUp(problem + ", which is not worth retrying");
          return;
        }
      } catch (HttpTimeoutException e) {
        problem = "did not answer within " + settings.timeout().toMillis() + " ms";
      } catch (IOException e) {
        problem = "could not be reached (" + e.getClass().getSimpleName() + ")";
      }
      if (attempt >= settings.maxAttempts()) {
        giveUp(problem + " on attempt " + attempt + " of " + settings.maxAttempts());
        return;
      }
      if (!pauseUnlessClosing(wait)) {
        giveUp(problem + " on attempt " + attempt + "; not retried, as the plugin is stopping");
        return;
      }
      retried.incrementAndGet();
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  /**
   * Waits {@code wait} before a retry; false, at once or as soon as {@link #stop} is called, if the
   * plugin is stopping: a webhook that is down must not hold up the application's exit by its
   * backoff, so each message left gets one attempt then.
   */
  private boolean pauseUnlessClosing(Duration wait) throws InterruptedException {
    // pausing is written before closing is read, and stop() writes closing before reading pausing:
    // either this thread sees closing, or stop() sees pausing and interrupts the pause
    pausing = true;
    try {
      if (closing) {
        return false;
      }
      pause.pause(wait);
      return !closing;
    } catch (InterruptedException e) {
      if (closing) {
        return false; // stop() cut the pause short
      }
      throw e;
    } finally {
      pausing = false;
    }
  }

  private Duration retryAfter(HttpResponse<?> response, Duration fallback) {
    try {
      long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("").trim());
      Duration asked = Duration.ofSeconds(Math.max(0, seconds));
      return asked.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : asked;
    } catch (NumberFormatException e) {
      return fallback; // absent, or an HTTP date, which Slack does not send
    }
  }

  private void giveUp(String why) {
    long count = failed.incrementAndGet();
    // Bounded: the first ten and then every hundredth, so a dead webhook cannot flood the log.
    if (count <= 10 || count % 100 == 0) {
      Log.LOG.log(Level.WARNING, "slack: gave up a message: the webhook at " + where + " " + why
          + " (" + count + " given up so far)");
    }
  }

  /** Made on the first warning: System.getLogger costs ~15 ms of CPU while the plugin starts. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger("dev.herald.examples.slack");
  }
}
