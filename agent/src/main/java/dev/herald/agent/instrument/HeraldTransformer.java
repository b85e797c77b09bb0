package dev.herald.agent.instrument;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.log.AgentLog;
import dev.herald.api.Herald;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.slf4j.Logger;

/**
 * The transformer that weaves the classes {@link ServiceMatcher} picks, as they load and when they
 * are retransformed (on attach, for a base that loaded before its subclass, after a services
 * change). A retransformation starts from the class's original bytes, so a class no longer picked
 * simply goes back to its own code.
 *
 * <p>Classes of Herald's own loaders (the agent's, the plugins') are left alone. Whatever goes
 * wrong, the class loads as it is: the failure is logged once per class.
 *
 * <p>Safe for concurrent use.
 */
final class HeraldTransformer implements ClassFileTransformer {

  private static final Logger log = AgentLog.get(HeraldTransformer.class);

  /** The loader of Herald's own classes; null if they are not in one of their own (no agent). */
  private static final ClassLoader OWN = ownLoader();

  private final ServiceMatcher matcher;
  private final SiteRegistry sites;
  private final BaseRetransformer retransformer;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  // loaders asked whether they see the hooks; weak keys, so an undeployed application's loader goes
  private final Map<ClassLoader, Boolean> seesHooks = Collections.synchronizedMap(new WeakHashMap<>());

  HeraldTransformer(ServiceMatcher matcher, SiteRegistry sites, BaseRetransformer retransformer) {
    this.matcher = matcher;
    this.sites = sites;
    this.retransformer = retransformer;
  }

  /** {@code create} of {@code create(Ljava/lang/String;)V}. */
  private static String methodName(String nameAndDescriptor) {
    return nameAndDescriptor.substring(0, nameAndDescriptor.indexOf('('));
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) {
    // The bootstrap loader holds the JDK and Herald's hooks only; a hidden class has no name to match;
    // other agents' classes are theirs (see OtherAgents).
    if (loader == null || internalName == null || isHeralds(loader) || OtherAgents.owns(loader)) {
      return null;
    }
    String name = internalName.replace('/', '.');
    if (ServiceIndex.isGenerated(name) || ServiceIndex.isPlatform(name) || matcher.knownUntouched(name)) {
      return null;
    }
    try {
      ClassReader reader = new ClassReader(bytes);
      if ((reader.getAccess() & (Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE)) != 0) {
        return null;
      }
      ServiceMatcher.Decision decision = matcher.decide(name, reader, loader, codeSource(domain));
      if (decision == ServiceMatcher.Decision.NONE) {
        return null;
      }
      if (!seesHooks(loader, name)) {
        return null;
      }
      retransformer.transformed(name);
      WeaveNotes notes = new WeaveNotes();
      byte[] woven = WriteWeaver.weave(reader, matcher.index(), decision == ServiceMatcher.Decision.COVERED,
          sites, notes);
      for (String method : notes.suspendFunctions) {
        if (reported.add(name + "." + method)) {
          log.warn("{}.{} is a Kotlin suspend function: Herald leaves it as it is, and it emits no events (woven, each"
              + " suspension would end it with an after event carrying COROUTINE_SUSPENDED, and each resumption start"
              + " it anew). For its events, return a CompletableFuture (scope.future { ... }), whose completion"
              + " Herald follows, or make it a plain function", name, methodName(method));
        }
      }
      for (String method : notes.unfollowedResults) {
        if (reported.add(name + "." + method)) {
          log.warn("{}.{} returns {}, which Herald does not follow: its after event comes when it returns that"
              + " object, before the work it stands for has run, and a failure of that work gives no failed event."
              + " Return a CompletionStage (a CompletableFuture: mono.toFuture(), scope.future { ... }) for events"
              + " when the work ends", name, methodName(method), MethodShapes.unfollowedResult(method));
        }
      }
      for (String method : notes.tooLarge) {
        if (reported.add(name + "." + method)) {
          log.warn("{}.{} is too large to instrument: with Herald's calls its bytecode would pass the JVM's"
              + " 64 KB per method, so it runs without Herald's events; the class's other methods have theirs",
              name, methodName(method));
        }
      }
      if (woven != null) {
        log.debug("instrumented {}", name);
      }
      return woven;
    } catch (Throwable t) {
      if (reported.add(name)) {
        log.warn("could not instrument {}; it runs without Herald's events: {}", name, t.toString());
        log.debug("instrumentation failure for {}", name, t);
      }
      return null;
    }
  }

  /**
   * True if classes of {@code loader} resolve Herald's hooks to the boot class path's: woven code
   * calls them, and a loader that does not delegate {@code dev.herald.*} to the boot loader (JBoss
   * Modules, OSGi without boot delegation, an isolating loader) would make every woven constructor
   * and call throw NoClassDefFoundError. Asked once per loader; the first class it refuses is told.
   */
  private boolean seesHooks(ClassLoader loader, String className) {
    Boolean known = seesHooks.get(loader);
    if (known != null) {
      return known;
    }
    boolean sees;
    try {
      sees = Class.forName(HeraldHooks.class.getName(), false, loader) == HeraldHooks.class;
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      sees = false;
    } catch (Throwable t) {
      // a loader that failed this once (a circularity while it defines the class at hand, say):
      // this class loads as it is, and the loader is asked again for its next one
      return false;
    }
    if (seesHooks.putIfAbsent(loader, sees) == null) {
      if (!sees) {
        log.warn("{} and the other classes of its class loader ({}) run without Herald's events: the loader"
            + " does not delegate dev.herald.* to the boot class path, where the agent's hooks are (OSGi:"
            + " org.osgi.framework.bootdelegation=dev.herald.*; JBoss Modules: -Djboss.modules.system.pkgs="
            + "dev.herald)", className, loader);
      } else {
        warnIfOwnApi(loader, className);
      }
    }
    return sees;
  }

  /**
   * A loader that finds its own herald-api before the boot class path's (a web application that
   * packs it in WEB-INF/lib, loaded child-first; a module layer given its own): its services are
   * woven and emit, but its code's Herald.bus() is that copy's, with no agent behind it, so the
   * application's subscriptions and EventContext there silently do nothing.
   */
  private static void warnIfOwnApi(ClassLoader loader, String className) {
    Class<?> api;
    try {
      api = Class.forName(Herald.class.getName(), false, loader);
    } catch (Throwable t) {
      return; // not visible there: nothing there can call it
    }
    if (api != Herald.class) {
      CodeSource source = api.getProtectionDomain() == null ? null : api.getProtectionDomain().getCodeSource();
      log.warn("the class loader of {} ({}) has its own copy of herald-api{}: its services emit events, but"
          + " Herald.bus() there is a bus that delivers nothing, and EventContext set there is not seen by Herald."
          + " Leave herald-api out of what it loads (Maven scope provided; not in WEB-INF/lib or the layer's"
          + " module path): the agent provides it", className, loader,
          source == null || source.getLocation() == null ? "" : " (from " + source.getLocation() + ")");
    }
  }

  private static URL codeSource(ProtectionDomain domain) {
    CodeSource source = domain == null ? null : domain.getCodeSource();
    return source == null ? null : source.getLocation();
  }

  /**
   * True for Herald's own loader and the loaders it makes (one per plugin): their classes, and the
   * libraries plugins bring, are never services. Deciding for them cost the delivery threads ~40 ms
   * of CPU in the demo, as a plugin's first events loaded its JSON library.
   */
  private static boolean isHeralds(ClassLoader loader) {
    return OWN != null && (loader == OWN || loader.getClass().getClassLoader() == OWN);
  }

  private static ClassLoader ownLoader() {
    ClassLoader own = HeraldTransformer.class.getClassLoader();
    boolean ofItsOwn = own != null && own != ClassLoader.getSystemClassLoader()
        && own != ClassLoader.getPlatformClassLoader();
    return ofItsOwn ? own : null;
  }
}
