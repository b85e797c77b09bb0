package dev.herald.agent.instrument;

import dev.herald.agent.config.ServiceEntry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Runs the matcher and the weaver once, on two small classes made here, on a thread of its own
 * ({@code herald-warm-up}) while premain reads the config, so that their classes (ASM's reader and
 * writer, Herald's weaver, a hundred or so) are loaded, verified and initialised before the
 * application's first configured class loads, rather than on its main thread as it does.
 *
 * <p>On the demo shop, the first configured class took 45-85 ms to weave on the main thread, most
 * of it loading those classes. With the warm-up beside premain, the shop's first line came 23 ms
 * sooner in a quiet spell of the development machine (medians of 25 interleaved runs), 60-80 ms
 * sooner in a busy one (15 runs), where the main thread waits longer for a core.
 *
 * <p>Nothing it makes is defined or kept: its own index, site registry and class loader, no file
 * opened. Never throws; {@link #cancel} stops it between steps (the config names no service).
 */
public final class WarmUp implements Runnable {

  // Outside Herald's own packages, which the matcher never covers (ServiceIndex.isPlatform).
  private static final String BASE = "dev/herald/warmup/SampleBase";
  private static final String SERVICE = "dev/herald/warmup/SampleService";

  private volatile boolean cancelled;

  private WarmUp() {}

  /** Starts warming up on a daemon thread; returns a handle to {@link #cancel} it. */
  public static WarmUp begin() {
    WarmUp warmUp = new WarmUp();
    Thread thread = new Thread(warmUp, "herald-warm-up");
    thread.setDaemon(true);
    thread.start();
    return warmUp;
  }

  /** Stops at the next step: nothing is to be woven. */
  public void cancel() {
    cancelled = true;
  }

  @Override
  public void run() {
    try {
      weaveSamples(this);
    } catch (Throwable ignored) {
      // a warm-up only: the weaving of real classes reports its own failures
    }
  }

  /**
   * Makes a service class and its base, and weaves both as the transformer would as they load;
   * returns the woven service and base, or null if cancelled first.
   */
  static byte[][] weaveSamples(WarmUp control) {
    byte[] base = sampleBase();
    byte[] service = sampleService();
    if (control != null && control.cancelled) {
      return null;
    }
    ServiceIndex index = new ServiceIndex(List.of(new ServiceEntry(0, 0, SERVICE.replace('/', '.'),
        "warm-up", Map.of("process", "process"), true, true)));
    ServiceMatcher matcher = new ServiceMatcher(index, new BiConsumer<String, ClassLoader>() {
      @Override
      public void accept(String name, ClassLoader loader) {
        // its base is woven below, as if it loaded after the service
      }
    });
    ClassLoader files = new SampleFiles(base);
    SiteRegistry sites = new SiteRegistry();
    ClassReader serviceFile = new ClassReader(service);
    ServiceMatcher.Decision decision = matcher.decide(SERVICE.replace('/', '.'), serviceFile, files, null);
    byte[] wovenService = WriteWeaver.weave(serviceFile, index, decision == ServiceMatcher.Decision.COVERED, sites);
    if (control != null && control.cancelled) {
      return null;
    }
    ClassReader baseFile = new ClassReader(base);
    decision = matcher.decide(BASE.replace('/', '.'), baseFile, files, null);
    byte[] wovenBase = WriteWeaver.weave(baseFile, index, decision == ServiceMatcher.Decision.COVERED, sites);
    return new byte[][] {wovenService, wovenBase};
  }

  /** {@code class dev.herald.warmup.SampleBase { Object create(Object); void delete(long) }}. */
  private static byte[] sampleBase() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, BASE, null, "java/lang/Object", null);
    constructor(writer, "java/lang/Object");
    MethodVisitor create = method(writer, Opcodes.ACC_PUBLIC, "create", "(Ljava/lang/Object;)Ljava/lang/Object;");
    create.visitVarInsn(Opcodes.ALOAD, 1);
    end(create, Opcodes.ARETURN);
    end(method(writer, Opcodes.ACC_PUBLIC, "delete", "(J)V"), Opcodes.RETURN);
    writer.visitEnd();
    return writer.toByteArray();
  }

  /**
   * {@code class dev.herald.warmup.SampleService extends SampleBase}: {@code int update(String, int)},
   * {@code double process(double, long[])}, {@code void activate()} that throws, {@code static
   * boolean deactivate(long)}: the return kinds and shapes the weaver handles apart.
   */
  private static byte[] sampleService() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, SERVICE, null, BASE, null);
    constructor(writer, BASE);
    MethodVisitor update = method(writer, Opcodes.ACC_PUBLIC, "update", "(Ljava/lang/String;I)I");
    update.visitVarInsn(Opcodes.ILOAD, 2);
    end(update, Opcodes.IRETURN);
    MethodVisitor process = method(writer, Opcodes.ACC_PUBLIC, "process", "(D[J)D");
    process.visitVarInsn(Opcodes.DLOAD, 1);
    end(process, Opcodes.DRETURN);
    MethodVisitor activate = method(writer, Opcodes.ACC_PUBLIC, "activate", "()V");
    activate.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
    activate.visitInsn(Opcodes.DUP);
    activate.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
    end(activate, Opcodes.ATHROW);
    MethodVisitor deactivate = method(writer, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "deactivate", "(J)Z");
    deactivate.visitInsn(Opcodes.ICONST_1);
    end(deactivate, Opcodes.IRETURN);
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static void constructor(ClassWriter writer, String superName) {
    MethodVisitor init = method(writer, Opcodes.ACC_PUBLIC, "<init>", "()V");
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
    end(init, Opcodes.RETURN);
  }

  private static MethodVisitor method(ClassWriter writer, int access, String name, String descriptor) {
    MethodVisitor method = writer.visitMethod(access, name, descriptor, null, null);
    method.visitCode();
    return method;
  }

  /** Ends a straight-line body with {@code last} (a return or throw): no branch, so no frame. */
  private static void end(MethodVisitor method, int last) {
    method.visitInsn(last);
    method.visitMaxs(0, 0); // computed: COMPUTE_MAXS
    method.visitEnd();
  }

  /** Serves the base's class file, as a loader would to {@link ClassFiles}; defines nothing. */
  private static final class SampleFiles extends ClassLoader {
    private final byte[] base;

    SampleFiles(byte[] base) {
      super(null);
      this.base = base;
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return name.equals(BASE + ".class") ? new ByteArrayInputStream(base) : null;
    }
  }
}
