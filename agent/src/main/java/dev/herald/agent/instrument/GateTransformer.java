package dev.herald.agent.instrument;

import dev.herald.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The transformer registered at start-up, before Byte Buddy is ready: Byte Buddy takes hundreds of
 * milliseconds to start, on a background thread, while the application starts too. A class that
 * loads meanwhile and is not covered ({@link ClassHeaders}) passes untouched; a covered one waits
 * for Byte Buddy, so that no configured class ever loads uninstrumented. Once Byte Buddy is ready,
 * every class goes to it.
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
    if (ready == null) {
      if (loader == null || internalName == null || !mayNeedInstrumenting(internalName, bytes, loader)) {
        return null;
      }
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
    return !ServiceIndex.isGenerated(name) && !ServiceIndex.isPlatform(name) && headers.covered(name, bytes, loader);
  }

  private ClassFileTransformer await(String internalName) {
    try {
      return delegate.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("Byte Buddy was not ready in {} s; {} loads without Herald's events: {}", MAX_WAIT_SECONDS,
          internalName.replace('/', '.'), e.toString());
      return null;
    }
  }
}
