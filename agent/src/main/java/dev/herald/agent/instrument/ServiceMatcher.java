package dev.herald.agent.instrument;

import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.objectweb.asm.ClassReader;

/**
 * Decides, as each class loads, whether to instrument it: a class is instrumented when it or one
 * of its supertypes is configured ("covered"), or when it is a supertype of a covered class whose
 * write methods that class inherits (a "base": {@code BaseService} under a configured {@code
 * AccountService}). Which entity a call emits with is decided at run time from the receiver's
 * class, so one base serves several configured subclasses.
 *
 * <p>Decided from class files alone: a class file's header names its supertypes, and supertypes'
 * class files are read ({@link ClassFiles}: from the jar of the class that names them, else
 * through its class loader), so nothing is loaded to decide.
 *
 * <p>A base usually loads just after the covered class that names it (the JVM loads a superclass
 * while defining the subclass, after this matcher has run), so registering it here is enough; one
 * that loaded earlier, and has a method to weave, is reported to {@code onNewBase}, which
 * retransforms it.
 *
 * <p>The entries can be replaced while the application runs ({@link #use}); the index, the memoised
 * results and the known bases are swapped as one, so a decision never mixes two configs.
 *
 * <p>Safe for concurrent use. Results are memoised by class name: a name stands for one
 * hierarchy in every class loader (two loaders defining the same name over different supertypes
 * get the first one's answer), except that a "not covered" resting on a class file that could not
 * be found holds for that class loader only.
 */
final class ServiceMatcher {

  /** Deeper than any real hierarchy; only a cycle in broken class files gets there. */
  private static final int MAX_DEPTH = 100;
  /**
   * Answers remembered at most, then forgotten all at once: an application that makes classes
   * without end (script engines, rule engines: Groovy's Script1, Script2, ... in throw-away loaders)
   * added ~120 bytes per class name for good. An answer forgotten is found again from the class files.
   */
  static final int MAX_REMEMBERED = 65_536;

  private final BiConsumer<String, ClassLoader> onNewBase;
  private final ClassFiles files = new ClassFiles();
  private volatile State state;
  private final Set<String> named = ConcurrentHashMap.newKeySet();

  ServiceMatcher(ServiceIndex index, BiConsumer<String, ClassLoader> onNewBase) {
    this.state = new State(index, Set.of());
    this.onNewBase = onNewBase;
  }

  /**
   * Decides with {@code index} from now on, forgetting earlier decisions.
   *
   * @param knownBases classes already loaded that are bases under {@code index}: their subclasses
   *     loaded before the change, so the matcher would not learn of them as they load
   */
  void use(ServiceIndex index, Set<String> knownBases) {
    state = new State(index, knownBases);
  }

  /** Adds loaded classes found to be bases under the index in force, since their subclasses are loaded already. */
  void addKnownBases(Set<String> names) {
    state.bases.addAll(names);
  }

  ServiceIndex index() {
    return state.index;
  }

  /**
   * The names an entry named that a class loading was seen to have (itself or as a supertype),
   * under any config this matcher has used: for the exit's check of entries that matched nothing,
   * which then does not take a class that loaded and was unloaded since for a misspelt name.
   */
  Set<String> namedSeen() {
    return Collections.unmodifiableSet(named);
  }

  /** How many answers are remembered; for tests. */
  int remembered() {
    return state.covered.size();
  }

  /**
   * True if the class {@code name} is already known to be neither covered nor a base: most
   * classes, once a subclass has named them, so that their own load need not parse them.
   */
  boolean knownUntouched(String name) {
    State current = state;
    return Boolean.FALSE.equals(current.covered.get(name)) && !current.bases.contains(name);
  }

  /**
   * What to do with the class {@code name}, defined by {@code header} in {@code loader}: {@link
   * Decision#COVERED} (its bases are registered), {@link Decision#BASE} or {@link Decision#NONE}.
   *
   * @param codeSource the location of the class's jar or folder, where its supertypes are looked
   *     for first; null if unknown
   */
  Decision decide(String name, ClassReader header, ClassLoader loader, URL codeSource) {
    State current = state;
    Lookup lookup = new Lookup(loader, codeSource);
    if (covered(current, name, header, lookup, 0)) {
      registerBases(current, header, lookup, 0);
      return Decision.COVERED;
    }
    return current.bases.contains(name) ? Decision.BASE : Decision.NONE;
  }

  /**
   * True if {@code name} or a supertype is configured; memoised by name, so that a class that a
   * subclass made known is not read again as it loads.
   *
   * @param header the class file of {@code name}, or null to read it if needed
   */
  private boolean covered(State current, String name, ClassReader header, Lookup lookup, int depth) {
    if (ServiceIndex.isPlatform(name)) {
      return false;
    }
    Boolean known = current.covered.get(name);
    if (known != null) {
      return known;
    }
    Set<String> unsureHere = lookup.unsureNo(current);
    // an unsure "no" stood for a class file that could not be read; with the class's own file in
    // hand (it is loading now), the answer is decided from it instead
    if (header == null && unsureHere.contains(name)) {
      lookup.unsure = true; // what rests on it is as unsure
      return false;
    }
    boolean result = current.index.entryNaming(name) != null;
    if (result) {
      named.add(name);
    }
    if (!result && depth < MAX_DEPTH) {
      ClassReader file = header != null ? header : read(name, lookup);
      if (file == null) {
        lookup.unsure = true;
      } else {
        result = supertypesCovered(current, file, lookup, depth);
      }
    }
    // A "no" that rests on a class file this loader could not find is memoised for this loader
    // only: another loader may find it, and a "no" for all would lose that class's events. Not
    // memoising it at all would search again for every subclass this loader defines.
    if (result || !lookup.unsure) {
      if (current.covered.size() >= MAX_REMEMBERED) {
        current.covered.clear();
      }
      current.covered.put(name, result);
    } else {
      unsureHere.add(name);
    }
    return result;
  }

  private boolean supertypesCovered(State current, ClassReader header, Lookup lookup, int depth) {
    String superName = header.getSuperName();
    if (superName != null && covered(current, superName.replace('/', '.'), null, lookup, depth + 1)) {
      return true;
    }
    for (String face : header.getInterfaces()) {
      if (covered(current, face.replace('/', '.'), null, lookup, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private void registerBases(State current, ClassReader header, Lookup lookup, int depth) {
    String superName = header.getSuperName();
    if (superName != null) {
      registerBase(current, superName.replace('/', '.'), lookup, depth + 1);
    }
    for (String face : header.getInterfaces()) {
      registerBase(current, face.replace('/', '.'), lookup, depth + 1);
    }
  }

  private void registerBase(State current, String name, Lookup lookup, int depth) {
    if (ServiceIndex.isPlatform(name) || ServiceIndex.isGenerated(name) || depth > MAX_DEPTH) {
      return;
    }
    ClassReader header = read(name, lookup); // once, for the decision and for its own supertypes
    if (!covered(current, name, header, lookup, depth) && current.bases.add(name)
        && (header == null || WriteWeaver.weavesAnyMethod(header, current.index))) {
      onNewBase.accept(name, lookup.loader());
    }
    if (header != null) {
      registerBases(current, header, lookup, depth);
    }
  }

  /** The class file of {@code name}, or null if it cannot be found or parsed. */
  private ClassReader read(String name, Lookup lookup) {
    byte[] bytes = files.read(name, lookup.loader(), lookup.codeSource());
    try {
      return bytes == null ? null : new ClassReader(bytes);
    } catch (RuntimeException malformed) {
      return null; // the JVM cannot load it either: nothing to decide from
    }
  }

  /** Where the supertypes of one loading class are looked for; for one decision, on one thread. */
  private static final class Lookup {
    private final ClassLoader loader;
    private final URL codeSource;
    /** Set once a class file was not found: "no" answers of this decision hold for this loader only. */
    boolean unsure;
    private Set<String> unsureNo;

    Lookup(ClassLoader loader, URL codeSource) {
      this.loader = loader;
      this.codeSource = codeSource;
    }

    ClassLoader loader() {
      return loader;
    }

    /** The names this loader is unsure of under {@code state}; looked up once per decision. */
    Set<String> unsureNo(State state) {
      if (unsureNo == null) {
        unsureNo = state.unsureNo(loader);
      }
      return unsureNo;
    }

    URL codeSource() {
      return codeSource;
    }
  }

  /** What the matcher decided for a loading class. */
  enum Decision {
    /** It or a supertype is configured: woven, and its constructors announce it. */
    COVERED,
    /** A covered class inherits from it: its write methods are woven. */
    BASE,
    /** Left as it is. */
    NONE
  }

  /** One config's index with what was learnt under it. */
  private static final class State {
    final ServiceIndex index;
    final ConcurrentHashMap<String, Boolean> covered = new ConcurrentHashMap<>();
    final Set<String> bases = ConcurrentHashMap.newKeySet();
    // "not covered" answers that rest on a class file the loader could not find, per loader (weakly
    // held, so that an undeployed application's loader can go)
    private final Map<ClassLoader, Set<String>> unsure = new WeakHashMap<>();

    State(ServiceIndex index, Set<String> knownBases) {
      this.index = index;
      bases.addAll(knownBases);
    }

    Set<String> unsureNo(ClassLoader loader) {
      synchronized (unsure) { // no lambda: this runs as the first classes load, see HeraldAgent
        Set<String> names = unsure.get(loader);
        if (names == null) {
          names = ConcurrentHashMap.newKeySet();
          unsure.put(loader, names);
        }
        return names;
      }
    }
  }
}
