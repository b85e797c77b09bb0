package dev.herald.agent.cli;

import dev.herald.agent.cli.CheckReport.EntryReport;
import dev.herald.agent.cli.CheckReport.Finding;
import dev.herald.agent.cli.CheckReport.MethodReport;
import dev.herald.agent.cli.CheckReport.TypeReport;
import dev.herald.agent.config.KeySuggestions;
import dev.herald.agent.config.ServiceEntry;
import dev.herald.agent.instrument.MethodShapes;
import dev.herald.agent.instrument.ServiceCoverage;
import dev.herald.agent.instrument.ServiceIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out, from class files, what the agent would instrument for each {@code services} entry:
 * the classes tied to it, the methods that emit, and the event names; and what looks wrong.
 *
 * <p>Single use, not safe for concurrent use.
 */
final class ServicePlan {

  private final List<ServiceEntry> entries;
  private final AppClasspath classpath;
  private final Map<String, ClassHeader> headers = new HashMap<>();
  private final ServiceCoverage<ClassHeader> coverage;
  private final List<Finding> findings = new ArrayList<>();
  /** Every method name declared in the types tied to an entry and their supertypes, by entry. */
  private final Map<ServiceEntry, Set<String>> methodNames = new HashMap<>();
  // of those, the names of methods the agent can weave (not private, abstract, native, synthetic)
  private final Map<ServiceEntry, Set<String>> weavableNames = new HashMap<>();
  private Set<String> classNames = Set.of();

  ServicePlan(List<ServiceEntry> entries, AppClasspath classpath) {
    this.entries = entries;
    this.classpath = classpath;
    this.coverage = new ServiceCoverage<>(entries, ClassHeader::name, this::supertypes);
  }

  /** Scans every class; returns the per-entry reports, and adds warnings to {@link #findings()}. */
  List<EntryReport> build(Set<String> classNames, int maxMatches) {
    this.classNames = classNames;
    Map<ServiceEntry, Integer> named = new HashMap<>();
    Map<ServiceEntry, List<TypeReport>> types = new LinkedHashMap<>();
    for (String name : new TreeSet<>(classNames)) {
      ClassHeader header = header(name);
      if (header == null || header.isAnnotation() || ServiceCoverage.isGenerated(name)
          || ServiceCoverage.isPlatform(name) || !coverage.covered(header)) {
        continue;
      }
      List<ServiceEntry> naming = coverage.entriesNaming(name);
      naming.forEach(entry -> named.merge(entry, 1, Integer::sum));
      if (naming.size() > 1) {
        findings.add(Finding.warning("matched-twice", naming.get(1).index(), name + " is named by "
            + label(naming.get(0)) + " and " + label(naming.get(1)) + "; the first wins"));
      }
      ServiceIndex.Match<ClassHeader> match = coverage.nearest(header);
      if (match != null) {
        types.computeIfAbsent(match.entry(), e -> new ArrayList<>()).add(type(header, match));
      }
    }
    List<EntryReport> reports = new ArrayList<>();
    for (ServiceEntry entry : entries) {
      EntryReport report = new EntryReport(entry, named.getOrDefault(entry, 0),
          types.getOrDefault(entry, List.of()));
      warn(report, maxMatches);
      reports.add(report);
    }
    return reports;
  }

  List<Finding> findings() {
    return findings;
  }

  private void warn(EntryReport report, int maxMatches) {
    ServiceEntry entry = report.entry();
    String never = ServiceIndex.neverInstrumented(entry);
    if (report.namedClasses() == 0 && never != null) {
      findings.add(Finding.warning("never-instrumented", entry.index(), label(entry) + " " + never
          + "; configure the application's own class that makes the call instead"));
    } else if (report.namedClasses() == 0) {
      String near = entry.isGlob() ? null : KeySuggestions.nearestName(entry.classPattern(), classNames).orElse(null);
      findings.add(Finding.warning("no-match", entry.index(), label(entry) + " matches no class on the class path"
          + (near == null ? "" : " (did you mean " + near + "?)")));
    } else if (report.types().isEmpty()) {
      findings.add(Finding.warning("shadowed", entry.index(), label(entry)
          + ": every class it names is taken by an earlier entry"));
    } else if (report.methodCount() == 0) {
      findings.add(Finding.warning("no-methods", entry.index(), label(entry) + " matches "
          + report.types().size() + " type(s), but none has a method mapped to an operation"));
    }
    if (entry.isGlob() && report.namedClasses() > maxMatches) {
      findings.add(Finding.warning("many-matches", entry.index(), label(entry) + " matches "
          + report.namedClasses() + " classes (more than " + maxMatches + "); is the glob too wide?"));
    }
    unusedKeys(report);
    Set<String> reported = new HashSet<>();
    for (TypeReport type : report.types()) {
      for (MethodReport method : type.methods()) {
        String name = method.signature().substring(0, method.signature().indexOf('('));
        List<String> keys = MethodKeys.matching(entry, name);
        if (keys.size() > 1 && reported.add(name)) {
          ServiceEntry.Place place = entry.methodPlace(keys.get(1)); // the key that loses
          findings.add(Finding.warning("method-mapped-twice", entry.index(), place, label(entry, place)
              + ": method " + name + " is matched by methods '" + keys.get(0) + "' and '" + keys.get(1)
              + "'; the first ('" + keys.get(0) + "' -> " + entry.methods().get(keys.get(0)) + ") wins"));
        }
      }
    }
  }

  /** A {@code methods} key that names no method of the types the entry covers: most often a typo. */
  private void unusedKeys(EntryReport report) {
    ServiceEntry entry = report.entry();
    Set<String> names = methodNames.getOrDefault(entry, Set.of());
    if (report.types().isEmpty() || entry.methods().isEmpty()) {
      return; // no-match or shadowed says it already
    }
    Set<String> used = new HashSet<>();
    for (String name : names) {
      used.addAll(MethodKeys.matching(entry, name));
    }
    Set<String> usedWeavable = new HashSet<>();
    for (String name : weavableNames.getOrDefault(entry, Set.of())) {
      usedWeavable.addAll(MethodKeys.matching(entry, name));
    }
    for (Map.Entry<String, String> mapping : entry.methods().entrySet()) {
      String key = mapping.getKey();
      String operation = mapping.getValue();
      // placed at the key: in a long methods block the entry's own line is far from it
      ServiceEntry.Place place = entry.methodPlace(key);
      // operations are free-form, but one a letter or two away from a usual one is a typo
      String usual = ServiceEntry.DEFAULT_OPERATIONS.contains(operation) ? null
          : KeySuggestions.nearestName(operation, ServiceEntry.DEFAULT_OPERATIONS).orElse(null);
      if (usual != null) {
        findings.add(Finding.warning("unusual-operation", entry.index(), place, label(entry, place)
            + ": methods key '" + key + "' maps to operation '" + operation + "' (did you mean '" + usual + "'?)"));
      }
      if (used.contains(key) && !usedWeavable.contains(key)) {
        findings.add(Finding.warning("unused-method-key", entry.index(), place, label(entry, place)
            + ": methods key '" + key + "' matches only methods Herald never instruments"
            + " (private, abstract, native, compiler-made or Kotlin suspend functions), so it emits nothing"));
      } else if (!used.contains(key)) {
        String near = KeySuggestions.nearestName(key, names).orElse(null);
        findings.add(Finding.warning("unused-method-key", entry.index(), place, label(entry, place)
            + ": methods key '" + key + "' matches no method of the classes it covers"
            + (near == null ? "" : " (did you mean '" + near + "'?)")));
      }
    }
  }

  private TypeReport type(ClassHeader header, ServiceIndex.Match<ClassHeader> match) {
    ServiceEntry entry = match.entry();
    String entity = entry.entityFor(match.typeName());
    List<MethodReport> methods = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> names = methodNames.computeIfAbsent(entry, e -> new HashSet<>());
    Set<String> weavable = weavableNames.computeIfAbsent(entry, e -> new HashSet<>());
    for (ClassHeader owner : hierarchy(header)) {
      for (MethodScan.Method method : MethodScan.declared(bytes(owner.name()))) {
        if (!method.name().startsWith("<")) {
          names.add(method.name());
          if (method.weavable() || header.isInterface() && method.abstractPublic()) {
            weavable.add(method.name());
          }
        }
        boolean emits = method.weavable() && coverage.mapsMethod(method.name())
            || header.isInterface() && method.abstractPublic();
        if (method.suspend() && (method.plainlyWeavable() || header.isInterface() && method.plainlyAbstractPublic())
            && coverage.mapsMethod(method.name())
            && entry.operationFor(method.name()) != null && seen.add(method.key())) {
          findings.add(Finding.warning("kotlin-suspend", entry.index(), label(entry) + ": "
              + owner.name().replace('/', '.') + "." + method.signature() + " is a Kotlin suspend function:"
              + " Herald leaves it as it is, so it emits no events (return a CompletableFuture, scope.future { ... },"
              + " or make it a plain function, for its events)"));
          continue;
        }
        // a static method emits with its own class, so only the type's own statics count
        if (!emits || method.isStatic() && owner != header || !seen.add(method.key())) {
          continue;
        }
        String operation = entry.operationFor(method.name());
        if (operation != null) {
          methods.add(new MethodReport(method.signature(), owner.name(), operation, List.of(
              entity + ".before." + operation, entity + ".after." + operation, entity + ".failed." + operation)));
          String unfollowed = MethodShapes.unfollowedResult(method.descriptor());
          if (unfollowed != null) {
            findings.add(Finding.warning("async-not-followed", entry.index(), label(entry) + ": "
                + owner.name().replace('/', '.') + "." + method.signature() + " returns " + unfollowed
                + ", which Herald does not follow: its after event comes when it returns, before the work has run,"
                + " and a failure of the work gives no failed event (return a CompletionStage for events when it ends)"));
          }
        }
      }
    }
    return new TypeReport(header.name(), header.kind(), match.typeName(), entity, methods);
  }

  /** The type, then its supertypes breadth first, superclass ahead of interfaces; platform types left out. */
  private List<ClassHeader> hierarchy(ClassHeader start) {
    List<ClassHeader> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<ClassHeader> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      ClassHeader type = queue.poll();
      if (seen.add(type.name())) {
        result.add(type);
        queue.addAll(supertypes(type));
      }
    }
    return result;
  }

  private List<ClassHeader> supertypes(ClassHeader type) {
    List<ClassHeader> result = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (type.superName() != null) {
      names.add(type.superName());
    }
    names.addAll(type.interfaces());
    for (String name : names) {
      ClassHeader header = ServiceCoverage.isPlatform(name) ? null : header(name);
      if (header != null) {
        result.add(header);
      }
    }
    return result;
  }

  private ClassHeader header(String name) {
    return headers.computeIfAbsent(name, n -> {
      byte[] bytes = bytes(n);
      try {
        return bytes == null ? null : ClassHeader.read(bytes);
      } catch (RuntimeException broken) { // not a class file a JVM would load either
        return null;
      }
    });
  }

  private byte[] bytes(String name) {
    try {
      return classpath.read(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String label(ServiceEntry entry) {
    return label(entry, new ServiceEntry.Place(entry.line(), 0));
  }

  /** The entry, placed at {@code place}: the line of one of its keys, for a finding about that key. */
  static String label(ServiceEntry entry, ServiceEntry.Place place) {
    return "services[" + entry.index() + "] " + entry.classPattern()
        + (place.line() > 0 ? " (line " + place.line() + ")" : "");
  }
}
