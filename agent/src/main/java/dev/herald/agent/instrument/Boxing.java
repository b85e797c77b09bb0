package dev.herald.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Emits the boxing of a primitive on the operand stack, as Java's autoboxing does ({@code Integer.valueOf}). */
final class Boxing {

  private Boxing() {}

  /** Boxes the value of {@code type} on top of the stack; references are left as they are. */
  static void box(MethodVisitor mv, Type type) {
    String wrapper;
    switch (type.getSort()) {
      case Type.BOOLEAN -> wrapper = "java/lang/Boolean";
      case Type.BYTE -> wrapper = "java/lang/Byte";
      case Type.CHAR -> wrapper = "java/lang/Character";
      case Type.SHORT -> wrapper = "java/lang/Short";
      case Type.INT -> wrapper = "java/lang/Integer";
      case Type.FLOAT -> wrapper = "java/lang/Float";
      case Type.LONG -> wrapper = "java/lang/Long";
      case Type.DOUBLE -> wrapper = "java/lang/Double";
      default -> {
        return;
      }
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
        "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
  }
}
