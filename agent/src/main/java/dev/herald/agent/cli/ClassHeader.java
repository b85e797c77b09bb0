package dev.herald.agent.cli;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * What {@code check} needs of every class on the class path before it looks closer: its name, its
 * direct supertypes and its kind. Read from the constant pool only, so a fat jar of tens of
 * thousands of classes is scanned quickly.
 *
 * @param superName the superclass's binary name, or null (for {@code java.lang.Object})
 * @param interfaces the direct interfaces' binary names
 */
record ClassHeader(String name, String superName, List<String> interfaces, int access) {

  static ClassHeader read(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    String superName = reader.getSuperName();
    String[] faces = reader.getInterfaces();
    String[] names = new String[faces.length];
    for (int i = 0; i < faces.length; i++) {
      names[i] = faces[i].replace('/', '.');
    }
    return new ClassHeader(reader.getClassName().replace('/', '.'),
        superName == null ? null : superName.replace('/', '.'), List.of(names), reader.getAccess());
  }

  boolean isInterface() {
    return (access & Opcodes.ACC_INTERFACE) != 0;
  }

  boolean isAnnotation() {
    return (access & Opcodes.ACC_ANNOTATION) != 0;
  }

  boolean isAbstract() {
    return (access & Opcodes.ACC_ABSTRACT) != 0;
  }

  /** "class", "abstract class" or "interface", for the report. */
  String kind() {
    return isInterface() ? "interface" : isAbstract() ? "abstract class" : "class";
  }
}
