package dev.herald.examples.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.EventPattern;
import dev.herald.api.HeraldPlugin;
import dev.herald.api.PluginContext;
import java.io.IOException;
import java.util.List;
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
 * herald-audit-fsync}, forces the file; {@link #stop()} ends it and closes the file. Listeners
 * never throw: a line that cannot be written is counted and warned about (rate-limited).
 */
public final class AuditLogPlugin implements HeraldPlugin {

  private final Warnings warnings = new Warnings();
  private final ObjectMapper mapper = new ObjectMapper();
  private volatile AuditFile file;
  private ScheduledExecutorService fsyncTimer;

  @Override
  public String name() {
    return "audit-log";
  }

  @Override
  public void start(PluginContext context) throws IOException {
    AuditSettings settings = AuditSettings.from(context.config(), context.baseDirectory());
    AuditRecord records = new AuditRecord(new SafeJson(mapper, settings), settings.stackTraces());
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
          write(records, event);
        }
      });
    }
  }

  /** Stops the fsync thread, forces and closes the file. Events arriving later are not written. */
  @Override
  public void stop() throws IOException {
    if (fsyncTimer != null) {
      fsyncTimer.shutdownNow();
    }
    AuditFile current = file;
    file = null;
    if (current != null) {
      current.close();
    }
  }

  private void write(AuditRecord records, Event event) {
    AuditFile current = file;
    if (current == null) {
      return; // stopped; the agent closes our subscriptions right after
    }
    try {
      byte[] json = mapper.writeValueAsBytes(records.of(event));
      byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
      line[json.length] = '\n';
      current.append(line);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      warnings.warn("could not write event " + event.name() + " #" + event.invocationId(), e);
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
