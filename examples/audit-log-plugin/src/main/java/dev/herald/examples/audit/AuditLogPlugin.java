package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.EventPattern;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes every matching event as one JSON line to a file; plugin name {@code "audit-log"}.
 *
 * <p>Settings: {@link AuditSettings}; line format: {@link AuditRecord}. Reading the file back:
 * {@link AuditHistory}.
 *
 * <p>Threading: one subscription per pattern, possibly called from several delivery threads; an
 * event matching several patterns is written once, by the subscription of the first. {@link
 * AuditFile} keeps lines whole. With {@code fsync: interval} one daemon thread, {@code
 * herald-audit-fsync}, forces the file; {@link #stop()} ends it and closes the file. A line that
 * cannot be written (a full disk) is warned about (rate-limited) and fails its listener call, so
 * that the bus counts the event failed, not delivered; {@link #stop()} says how many were lost.
 */
public final class AuditLogPlugin implements HeraldPlugin {

  /** How long stop() lets a force() under way finish; fsync of one file takes milliseconds. */
  private static final long FSYNC_STOP_SECONDS = 2;

  private final Warnings warnings = new Warnings();
  private final java.util.concurrent.atomic.AtomicLong unwritten = new java.util.concurrent.atomic.AtomicLong();
  private volatile AuditFile file;
  /** Made on the first event, not in start(): see {@link Json}. */
  private volatile Json json;
  private ScheduledExecutorService fsyncTimer;

  @Override
  public String name() {
    return "audit-log";
  }

  /**
   * What {@code start} would refuse, for {@code java -jar herald-agent.jar check}: no file is
   * opened, so a folder that cannot be written is found only at start.
   */
  @Override
  public void checkSettings(Map<String, Object> settings) {
    AuditSettings.from(settings, Path.of(""));
  }

  @Override
  public void start(PluginContext context) throws IOException {
    AuditSettings settings = AuditSettings.from(context.config(), context.baseDirectory());
    AuditFile opened = new AuditFile(settings.file(), settings.maxFileSize(), settings.maxFiles(), settings.fsync());
    file = opened;
    if (settings.fsync() == Fsync.INTERVAL) {
      fsyncTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "herald-audit-fsync");
        thread.setDaemon(true);
        return thread;
      });
      long millis = settings.fsyncInterval().toMillis();
      fsyncTimer.scheduleWithFixedDelay(this::force, millis, millis, TimeUnit.MILLISECONDS);
    }
    List<String> patterns = settings.events();
    for (String pattern : patterns) {
      context.bus().on(pattern, event -> {
        if (pattern.equals(firstMatch(patterns, event))) {
          write(settings, event);
        }
      });
    }
  }

  private Json json(AuditSettings settings) {
    Json current = json;
    if (current == null) {
      synchronized (this) {
        current = json;
        if (current == null) {
          current = new Json(new ObjectMapper(), settings);
          json = current;
        }
      }
    }
    return current;
  }

  /**
   * Jackson's mapper and the records written with it. Made on a delivery thread at the first
   * event: a first ObjectMapper costs a couple of hundred milliseconds of CPU, and start() runs
   * while the application starts, with its first events waiting for it.
   */
  private static final class Json {
    final ObjectMapper mapper;
    final AuditRecord records;

    Json(ObjectMapper mapper, AuditSettings settings) {
      this.mapper = mapper;
      this.records = new AuditRecord(new SafeJson(mapper, settings), settings.stackTraces(), settings);
    }
  }

  /** Stops the fsync thread, forces and closes the file. Events arriving later are not written. */
  @Override
  public void stop() throws IOException {
    if (fsyncTimer != null) {
      // Not shutdownNow: interrupting a force() under way would close the file's channel (a
      // FileChannel is interruptible), and what was written would then not be forced below.
      fsyncTimer.shutdown();
      try {
        if (!fsyncTimer.awaitTermination(FSYNC_STOP_SECONDS, TimeUnit.SECONDS)) {
          fsyncTimer.shutdownNow();
        }
      } catch (InterruptedException e) {
        fsyncTimer.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    AuditFile current = file;
    file = null;
    long lost = unwritten.get();
    if (lost > 0) {
      // standard error, not the System.Logger: at JVM exit java.util.logging may have closed its handlers
      System.err.println("WARNING: audit-log: " + lost + " event" + (lost == 1 ? "" : "s")
          + " could not be written to the audit file in this run (see the warnings above); the bus counted them"
          + " failed");
    }
    if (current != null) {
      current.close();
    }
  }

  private void write(AuditSettings settings, Event event) throws IOException {
    AuditFile current = file;
    if (current == null) {
      return; // stopped; the agent closes our subscriptions right after
    }
    try {
      Json writer = json(settings);
      byte[] bytes = writer.mapper.writeValueAsBytes(writer.records.of(event));
      byte[] line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      line[bytes.length] = '\n';
      current.append(line);
    } catch (IOException e) {
      // not written: the bus counts the call failed, and stop() tells the total
      unwritten.incrementAndGet();
      warnings.warn("could not write event " + event.name() + " #" + event.invocationId(), e);
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      unwritten.incrementAndGet();
      warnings.warn("could not write event " + event.name() + " #" + event.invocationId(), e);
      throw new IOException("could not write event " + event.name(), e);
    }
  }

  private void force() {
    try {
      AuditFile current = file;
      if (current != null) {
        current.force();
      }
    } catch (IOException | RuntimeException e) {
      warnings.warn("could not force the audit file to disk", e);
    }
  }

  private static String firstMatch(List<String> patterns, Event event) {
    for (String pattern : patterns) {
      if (EventPattern.matches(pattern, event.name())) {
        return pattern;
      }
    }
    return null;
  }
}
