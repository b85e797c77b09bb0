package dev.herald.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves Herald's calls into the body of one write method, inline, changing nothing else of the
 * class. The woven method reads, in Java terms:
 *
 * <pre>{@code
 * Object token;
 * try {                                   // an error in the hooks never fails the call
 *   token = HeraldHooks.enter(SITE, Owner.class, this);      // null for static methods
 *   if (token != null) HeraldHooks.before(token, new Object[] {arguments...});
 * } catch (Throwable t) { token = null; }
 * try {
 *   ...the original body, each "return v" preceded by HeraldHooks.returned(v, token)...
 * } catch (Throwable t) { HeraldHooks.failed(t, token); throw t; }
 * }</pre>
 *
 * <p>The token takes the first local slot after the parameters, so every local of the original body
 * moves up one slot (loads, stores, {@code iinc}, stack map frames, debug tables). The arguments
 * are boxed only when the call emits (the token is not null); a primitive result too, in the hook
 * ({@code returned} has an overload per type). The hooks return normally whatever happens, so a
 * return needs no branch and no frame: the only frames added are at the
 * three places this class jumps to, whose contents it knows exactly. Exits are left out of the
 * catch-all ranges, so a failing exit hook can never report a call twice; each exit call has a
 * range of its own, whose handler only counts (in {@code HeraldHooks.exitFailures}) that the hook
 * could not be called, a StackOverflowError deep in a recursion, and rethrows.
 *
 * <p>Bytecode that reuses the last parameter's slot for a {@code long} or {@code double} (no Java
 * compiler does) cannot take the shift: the weaving is abandoned ({@link Unweavable}) and the class
 * loads as it is.
 */
final class WriteMethodWeaver extends MethodVisitor {

  /** Internal name of the class woven code calls. */
  static final String HOOKS = "dev/herald/agent/bootstrap/HeraldHooks";
  private static final String OBJECT = "java/lang/Object";
  private static final String THROWABLE = "java/lang/Throwable";

  private final String owner;
  private final boolean isStatic;
  private final boolean classLiterals;
  private final boolean frames;
  private final Type[] parameters;
  private final Type returnType;
  /** Of the {@code HeraldHooks.returned} overload for the return type. */
  private final String returnedDescriptor;
  private final int site;
  /** The first slot after the parameters: the token's. */
  private final int token;
  private final List<Label[]> ranges = new ArrayList<>();
  /** Around each call of an exit hook: see {@link #exitCall}. */
  private final List<Label[]> exitCalls = new ArrayList<>();
  private Label rangeStart;
  private boolean codeInRange;

  /**
   * @param classVersion the class file's major version: class literals need 49, stack map frames 50
   */
  WriteMethodWeaver(MethodVisitor next, int classVersion, String owner, int access, String descriptor, int site) {
    super(Opcodes.ASM9, next);
    this.owner = owner;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.classLiterals = (classVersion & 0xFFFF) >= Opcodes.V1_5;
    this.frames = (classVersion & 0xFFFF) >= Opcodes.V1_6;
    this.parameters = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.returnedDescriptor = "("
        + (returnType.getSort() >= Type.ARRAY ? "Ljava/lang/Object;" : returnType.getDescriptor())
        + "Ljava/lang/Object;)V";
    this.site = site;
    // The sizes count the receiver, whether or not there is one.
    this.token = (Type.getArgumentsAndReturnSizes(descriptor) >> 2) - (isStatic ? 1 : 0);
  }

  @Override
  public void visitCode() {
    super.visitCode();
    Label guardStart = new Label();
    Label guardEnd = new Label();
    Label guardHandler = new Label();
    Label bodyStart = new Label();
    super.visitTryCatchBlock(guardStart, guardEnd, guardHandler, THROWABLE);
    super.visitLabel(guardStart);
    push(site);
    origin();
    if (isStatic) {
      super.visitInsn(Opcodes.ACONST_NULL);
    } else {
      super.visitVarInsn(Opcodes.ALOAD, 0);
    }
    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter",
        "(ILjava/lang/Class;Ljava/lang/Object;)Ljava/lang/Object;", false);
    super.visitVarInsn(Opcodes.ASTORE, token);
    super.visitVarInsn(Opcodes.ALOAD, token);
    super.visitJumpInsn(Opcodes.IFNULL, bodyStart);
    super.visitVarInsn(Opcodes.ALOAD, token);
    arguments();
    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "before", "(Ljava/lang/Object;[Ljava/lang/Object;)V", false);
    super.visitLabel(guardEnd);
    super.visitJumpInsn(Opcodes.GOTO, bodyStart);
    super.visitLabel(guardHandler);
    frame(entryLocals(false), THROWABLE);
    super.visitInsn(Opcodes.POP);
    // The hooks never throw, so this is an error as they were called, or as the arguments were
    // boxed (a StackOverflowError): the call may be tracked already, and will not exit. Counted
    // as an exit that failed (see exitCall), so that the thread drops it.
    countExitFailure();
    super.visitInsn(Opcodes.ACONST_NULL);
    super.visitVarInsn(Opcodes.ASTORE, token);
    super.visitLabel(bodyStart);
    frame(entryLocals(true), null);
    // The original code may begin with a frame of its own (a loop at the top): it needs an offset
    // of its own, after this frame's.
    super.visitInsn(Opcodes.NOP);
    rangeStart = bodyStart;
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      closeRange();
      if (opcode == Opcodes.RETURN) {
        super.visitVarInsn(Opcodes.ALOAD, token);
        exitCall("returned", "(Ljava/lang/Object;)V");
      } else {
        super.visitInsn(returnType.getSize() == 2 ? Opcodes.DUP2 : Opcodes.DUP);
        super.visitVarInsn(Opcodes.ALOAD, token);
        exitCall("returned", returnedDescriptor);
      }
      super.visitInsn(opcode);
      rangeStart = new Label();
      super.visitLabel(rangeStart);
      return;
    }
    codeInRange = true;
    super.visitInsn(opcode);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    codeInRange = true;
    super.visitVarInsn(opcode, shifted(varIndex, opcode == Opcodes.LLOAD || opcode == Opcodes.DLOAD
        || opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE));
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    codeInRange = true;
    super.visitIincInsn(shifted(varIndex, false), increment);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    codeInRange = true;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    codeInRange = true;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
    codeInRange = true;
    super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
    codeInRange = true;
    super.visitMethodInsn(opcode, methodOwner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
      Object... arguments) {
    codeInRange = true;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    codeInRange = true;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    codeInRange = true;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    codeInRange = true;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    codeInRange = true;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    codeInRange = true;
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (type != Opcodes.F_NEW) {
      throw new Unweavable("compressed stack map frames (the class must be read with EXPAND_FRAMES)");
    }
    Object[] locals = FrameLocals.withToken(local, numLocal, token, OBJECT);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
  }

  @Override
  public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int index) {
    super.visitLocalVariable(name, descriptor, signature, start, end, index >= token ? index + 1 : index);
  }

  @Override
  public org.objectweb.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef,
      org.objectweb.asm.TypePath typePath, Label[] start, Label[] end, int[] index, String descriptor,
      boolean visible) {
    int[] moved = index.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = moved[i] >= token ? moved[i] + 1 : moved[i];
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved, descriptor, visible);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    closeRange();
    if (!ranges.isEmpty()) {
      Label handler = new Label();
      // After the method's own handlers: those catch first, as without the agent.
      for (Label[] range : ranges) {
        super.visitTryCatchBlock(range[0], range[1], handler, THROWABLE);
      }
      super.visitLabel(handler);
      Object[] locals = new Object[token + 1];
      java.util.Arrays.fill(locals, Opcodes.TOP);
      locals[token] = OBJECT;
      frame(locals, THROWABLE);
      super.visitInsn(Opcodes.DUP);
      super.visitVarInsn(Opcodes.ALOAD, token);
      exitCall("failed", "(Ljava/lang/Throwable;Ljava/lang/Object;)V");
      super.visitInsn(Opcodes.ATHROW);
    }
    if (!exitCalls.isEmpty()) {
      Label handler = new Label();
      for (Label[] call : exitCalls) {
        super.visitTryCatchBlock(call[0], call[1], handler, THROWABLE);
      }
      // The hook could not even be called (a StackOverflowError, deep in a recursion), so the call
      // stays on the thread's call stack: counted, with a field and no call, for threads to drop
      // the calls that ended (HeraldHooks.exitFailures); the error goes on as it came.
      super.visitLabel(handler);
      frame(new Object[0], THROWABLE);
      countExitFailure();
      super.visitInsn(Opcodes.ATHROW);
    }
    // Entry: token, array, array, index, a wide argument. A return: its value again and the token.
    super.visitMaxs(Math.max(maxStack + 3, 6), Math.max(maxLocals, token) + 1);
  }

  /** Calls the exit hook {@code name}, in a range of its own for the handler that counts its failures. */
  private void exitCall(String name, String descriptor) {
    Label start = new Label();
    Label end = new Label();
    super.visitLabel(start);
    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
    super.visitLabel(end);
    exitCalls.add(new Label[] {start, end});
  }

  /** {@code HeraldHooks.exitFailures++}: field instructions only, which need no stack frame. */
  private void countExitFailure() {
    super.visitFieldInsn(Opcodes.GETSTATIC, HOOKS, "exitFailures", "I");
    super.visitInsn(Opcodes.ICONST_1);
    super.visitInsn(Opcodes.IADD);
    super.visitFieldInsn(Opcodes.PUTSTATIC, HOOKS, "exitFailures", "I");
  }

  private int shifted(int varIndex, boolean wide) {
    if (varIndex >= token) {
      return varIndex + 1;
    }
    if (wide && varIndex + 1 == token) {
      throw new Unweavable("a long or double stored over the last parameter's slot");
    }
    return varIndex;
  }

  private void closeRange() {
    if (codeInRange) {
      Label end = new Label();
      super.visitLabel(end);
      ranges.add(new Label[] {rangeStart, end});
    }
    codeInRange = false;
  }

  private void origin() {
    if (classLiterals) {
      super.visitLdcInsn(Type.getObjectType(owner));
    } else {
      super.visitLdcInsn(owner.replace('/', '.'));
      super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Class", "forName",
          "(Ljava/lang/String;)Ljava/lang/Class;", false);
    }
  }

  private void arguments() {
    push(parameters.length);
    super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < parameters.length; i++) {
      super.visitInsn(Opcodes.DUP);
      push(i);
      super.visitVarInsn(parameters[i].getOpcode(Opcodes.ILOAD), slot);
      Boxing.box(mv, parameters[i]);
      super.visitInsn(Opcodes.AASTORE);
      slot += parameters[i].getSize();
    }
  }

  /** The locals on entry: the receiver and the parameters, and the token if {@code withToken}. */
  private Object[] entryLocals(boolean withToken) {
    List<Object> locals = new ArrayList<>();
    if (!isStatic) {
      locals.add(owner);
    }
    for (Type parameter : parameters) {
      locals.add(FrameLocals.of(parameter));
    }
    if (withToken) {
      locals.add(OBJECT);
    }
    return locals.toArray();
  }

  private void frame(Object[] locals, String onStack) {
    if (frames) {
      Object[] stack = onStack == null ? new Object[0] : new Object[] {onStack};
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }
  }

  private void push(int value) {
    if (value >= -1 && value <= 5) {
      super.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      super.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      super.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      super.visitLdcInsn(value);
    }
  }
}
