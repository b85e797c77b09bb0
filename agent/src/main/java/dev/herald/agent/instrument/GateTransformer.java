package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The transformer registered at start-up, in front of Byte Buddy's: Byte Buddy takes hundreds of
 * milliseconds to start, on a background thread, while the application starts too. A class that
 * loads and is not covered ({@link ClassHeaders}) and not a known base passes untouched, before and
 * after Byte Buddy is ready, since describing a class for Byte Buddy's matcher costs far more than
 * reading its header; a covered one waits for Byte Buddy while it starts, so that no configured
 * class ever loads uninstrumented. Retransformations (a base that loaded before its subclass, a
 * services change) go to Byte Buddy once it is ready, which decides.
 *
 * <p>Safe for concurrent use.
 */
final class GateTransformer implements ClassFileTransformer {

  private static final Logger log = AgentLog.get(GateTransformer.class);
  private static final long MAX_WAIT_SECONDS = 30;

  private final ClassHeaders headers;
  private final CompletableFuture<ClassFileTransformer> delegate;

  GateTransformer(ClassHeaders headers, CompletableFuture<ClassFileTransformer> delegate) {
    this.headers = headers;
    this.delegate = delegate;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
    ClassFileTransformer ready = delegate.getNow(null);
    if ((classBeingRedefined == null || ready == null)
        && (loader == null || internalName == null || !mayNeedInstrumenting(internalName, bytes, loader))) {
      return null;
    }
    if (ready == null) {
      ready = await(internalName);
      if (ready == null) {
        return null;
      }
    }
    return ready.transform(module, loader, internalName, classBeingRedefined, domain, bytes);
  }

  /** Waits until Byte Buddy is ready, up to {@value #MAX_WAIT_SECONDS} s; true if it is. */
  boolean awaitReady() {
    try {
      delegate.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean mayNeedInstrumenting(String internalName, byte[] bytes, ClassLoader loader) {
    String name = internalName.replace('/', '.');
    return !ServiceIndex.isGenerated(name) && !ServiceIndex.isPlatform(name)
        && (headers.knownBase(name) || headers.covered(name, bytes, loader));
  }

  private ClassFileTransformer await(String internalName) {
    try {
      // This thread would only wait: it takes a share of the work (one core would idle otherwise).
      Instrumenter.helpStart();
      return delegate.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("Byte Buddy was not ready in {} s; {} loads without Herald's events: {}", MAX_WAIT_SECONDS,
          internalName.replace('/', '.'), e.toString());
      return null;
    }
  }
}
