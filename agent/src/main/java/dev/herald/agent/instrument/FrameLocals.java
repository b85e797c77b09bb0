package dev.herald.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** The locals of expanded stack map frames (ASM's {@code F_NEW}), in which a long or double is one entry. */
final class FrameLocals {

  private FrameLocals() {}

  /** The frame entry for a local of {@code type}. */
  static Object of(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName(); // for an array, its descriptor, as frames want it
    }
  }

  /**
   * {@code local} with {@code inserted} placed at slot {@code slot}, the locals from there on one
   * slot up. A frame that lists fewer locals (the rest unused) is padded with {@code TOP}.
   *
   * @throws Unweavable if a long or double spans {@code slot}
   */
  static Object[] withToken(Object[] local, int numLocal, int slot, Object inserted) {
    List<Object> result = new ArrayList<>(numLocal + slot + 1);
    int at = 0;
    int i = 0;
    while (at < slot && i < numLocal) {
      Object entry = local[i++];
      result.add(entry);
      at += Opcodes.LONG.equals(entry) || Opcodes.DOUBLE.equals(entry) ? 2 : 1;
    }
    if (at > slot) {
      throw new Unweavable("a long or double over the last parameter's slot in a stack map frame");
    }
    for (; at < slot; at++) {
      result.add(Opcodes.TOP);
    }
    result.add(inserted);
    while (i < numLocal) {
      result.add(local[i++]);
    }
    return result.toArray();
  }
}
