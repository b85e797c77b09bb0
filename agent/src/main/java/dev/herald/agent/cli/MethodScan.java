package dev.herald.agent.cli;

import dev.herald.agent.instrument.MethodShapes;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The methods a class file declares, with the agent's rule for which of them it may weave: methods
 * only (no constructors or initialisers), never abstract, native, private, bridge or synthetic
 * (lambda bodies are private synthetic methods), nor Kotlin suspend functions.
 */
final class MethodScan {

  private MethodScan() {}

  /** A declared method; {@code access} holds the JVM flags. */
  record Method(String name, String descriptor, int access) {

    boolean weavable() {
      return plainlyWeavable() && !suspend();
    }

    /** Weavable but for being a Kotlin suspend function. */
    boolean plainlyWeavable() {
      return !name.startsWith("<")
          && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_PRIVATE
              | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0;
    }

    boolean suspend() {
      return MethodShapes.isSuspend(descriptor);
    }

    boolean isStatic() {
      return (access & Opcodes.ACC_STATIC) != 0;
    }

    /** An abstract interface method that implementations and JDK proxies may carry (not a suspend function). */
    boolean abstractPublic() {
      return plainlyAbstractPublic() && !suspend();
    }

    boolean plainlyAbstractPublic() {
      return !name.startsWith("<") && (access & Opcodes.ACC_ABSTRACT) != 0
          && (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) == 0;
    }

    /** The name and parameter types without packages: {@code placeOrder(Order, int)}. */
    String signature() {
      StringBuilder text = new StringBuilder(name).append('(');
      Type[] args = Type.getArgumentTypes(descriptor);
      for (int i = 0; i < args.length; i++) {
        String type = args[i].getClassName();
        text.append(i == 0 ? "" : ", ").append(type.substring(type.lastIndexOf('.') + 1));
      }
      return text.append(')').toString();
    }

    /** Overrides compare by name and parameter types. */
    String key() {
      return name + descriptor.substring(0, descriptor.indexOf(')') + 1);
    }
  }

  static List<Method> declared(byte[] classFile) {
    List<Method> methods = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        methods.add(new Method(name, descriptor, access));
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return methods;
  }
}
