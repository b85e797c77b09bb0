package dev.herald.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves one class: {@link WriteMethodWeaver} into each method whose name an entry maps, and, in a
 * covered class, a call of {@code HeraldHooks.constructing()} at the start of each constructor (its
 * bases must be instrumented before its first call). Method bodies only: no field, method,
 * attribute or modifier is added or changed, so a class can be woven by retransformation too, and
 * restored by retransforming it without Herald. Methods it does not weave are copied byte for byte.
 *
 * <p>Never woven, as DESIGN.md says: constructors' bodies, class initialisers, abstract, native and
 * private methods, bridge and synthetic methods (lambdas' bodies, for one). Nor Kotlin suspend
 * functions ({@link MethodShapes}): one call of those is a JVM call per resumption, each of which
 * would emit its own before and an after with the {@code COROUTINE_SUSPENDED} marker as result.
 *
 * <p>One instance per class being woven; not thread-safe.
 */
final class WriteWeaver extends ClassVisitor {

  private static final int NEVER_WOVEN = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_PRIVATE
      | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC;

  private final ServiceIndex index;
  private final boolean covered;
  private final SiteRegistry sites;
  private final WeaveNotes notes;
  private int version;
  private String owner;
  private String typeName;
  private boolean changed;

  private WriteWeaver(ClassVisitor next, ServiceIndex index, boolean covered, SiteRegistry sites,
      WeaveNotes notes) {
    super(Opcodes.ASM9, next);
    this.index = index;
    this.covered = covered;
    this.sites = sites;
    this.notes = notes;
  }

  /**
   * The class of {@code reader} woven, or null if nothing in it is to be woven.
   *
   * @param index the entries in force: only methods they map are woven
   * @param covered whether the class is covered (rather than only a base of covered classes)
   * @throws Unweavable if a method has a shape the weaver does not handle
   */
  static byte[] weave(ClassReader reader, ServiceIndex index, boolean covered, SiteRegistry sites) {
    return weave(reader, index, covered, sites, new WeaveNotes());
  }

  /**
   * As {@link #weave(ClassReader, ServiceIndex, boolean, SiteRegistry)}, telling {@code notes} what
   * the user should hear of: a method that woven would pass the JVM's limit of 64 KB of bytecode is
   * left as it is, so that the class's other methods still emit; so is a Kotlin suspend function; a
   * method whose declared result Herald does not follow is woven all the same.
   */
  static byte[] weave(ClassReader reader, ServiceIndex index, boolean covered, SiteRegistry sites,
      WeaveNotes notes) {
    while (true) {
      // Given the reader, the writer copies the constant pool and every method not woven as it is.
      ClassWriter writer = new ClassWriter(reader, 0);
      WriteWeaver weaver = new WriteWeaver(writer, index, covered, sites, notes);
      reader.accept(weaver, ClassReader.EXPAND_FRAMES);
      if (!weaver.changed) {
        return null;
      }
      try {
        return writer.toByteArray();
      } catch (MethodTooLargeException e) {
        if (!notes.tooLarge.add(e.getMethodName() + e.getDescriptor())) {
          throw e; // left as it was, it is too large all the same: not ours to fix
        }
      }
    }
  }

  /**
   * True if {@link #weave} would weave a method of the class of {@code reader} when it is only a
   * base: a base with none (an interface of abstract methods, most often) need not be
   * retransformed, which stops every application thread for tens of milliseconds.
   */
  static boolean weavesAnyMethod(ClassReader reader, ServiceIndex index) {
    boolean[] found = new boolean[1];
    try {
      reader.accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
            String[] exceptions) {
          if (!found[0] && woven(access, name, index) && !MethodShapes.isSuspend(descriptor)) {
            found[0] = true;
          }
          return null;
        }
      }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (RuntimeException malformed) {
      return true; // the retransformation decides, as for any base
    }
    return found[0];
  }

  private static boolean woven(int access, String name, ServiceIndex index) {
    return name.charAt(0) != '<' && (access & NEVER_WOVEN) == 0 && index.mapsMethod(name);
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
    this.version = version;
    this.owner = name;
    this.typeName = name.replace('/', '.');
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
      String[] exceptions) {
    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
    if (next == null) {
      return null;
    }
    if (notes.tooLarge.contains(name + descriptor)) {
      return next;
    }
    if (name.equals("<init>")) {
      if (!covered) {
        return next;
      }
      changed = true;
      return new ConstructorHook(next);
    }
    if (!woven(access, name, index)) {
      return next;
    }
    if (MethodShapes.isSuspend(descriptor)) {
      notes.suspendFunctions.add(name + descriptor);
      return next;
    }
    if (MethodShapes.unfollowedResult(descriptor) != null) {
      notes.unfollowedResults.add(name + descriptor);
    }
    changed = true;
    return new WriteMethodWeaver(next, version, owner, access, descriptor, sites.register(typeName, name, descriptor));
  }

  /** Calls {@code HeraldHooks.constructing()} first thing: no receiver, no frame, nothing to shift. */
  private static final class ConstructorHook extends MethodVisitor {

    ConstructorHook(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitMethodInsn(Opcodes.INVOKESTATIC, WriteMethodWeaver.HOOKS, "constructing", "()V", false);
    }
  }
}
