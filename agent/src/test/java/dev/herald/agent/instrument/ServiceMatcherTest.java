package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.config.ServiceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class ServiceMatcherTest {

  private static ClassReader header(int access, String name, String superName, String... interfaces) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, access, name, null, superName, interfaces);
    writer.visitEnd();
    return new ClassReader(writer.toByteArray());
  }

  @Test
  void aClassWhoseFileASubclassCouldNotReadIsDecidedFromItsOwnFileWhenItLoads() {
    ServiceIndex index = new ServiceIndex(List.of(new ServiceEntry(0, 2, "t6.Api", "api", Map.of(), true, true)));
    List<String> bases = new ArrayList<>();
    ServiceMatcher matcher = new ServiceMatcher(index, (name, loader) -> bases.add(name));
    // classes defined from memory: the loader has no resource for their class files
    ClassLoader inMemory = new ClassLoader(null) { };
    ClassReader plain = header(Opcodes.ACC_PUBLIC, "g/Plain", "g/Base");
    ClassReader base = header(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "g/Base", "java/lang/Object", "t6/Api");

    assertThat(matcher.decide("g.Plain", plain, inMemory, null)).as("Base's file cannot be read")
        .isEqualTo(ServiceMatcher.Decision.NONE);
    assertThat(matcher.decide("g.Base", base, inMemory, null)).as("its own file names the configured interface")
        .isEqualTo(ServiceMatcher.Decision.COVERED);
  }

  @Test
  void rememberedAnswersStayBoundedWhenClassesAreMadeWithoutEnd() {
    ServiceIndex index = new ServiceIndex(List.of(new ServiceEntry(0, 2, "t6.Api", "api", Map.of(), true, true)));
    ServiceMatcher matcher = new ServiceMatcher(index, (name, loader) -> { });
    ClassLoader scripts = new ClassLoader(null) { };
    ClassReader covered = header(Opcodes.ACC_PUBLIC, "g/Service", "java/lang/Object", "t6/Api");

    // a script engine's classes, each with a name of its own
    for (int i = 0; i < ServiceMatcher.MAX_REMEMBERED + 10_000; i++) {
      assertThat(matcher.decide("g.Script" + i, header(Opcodes.ACC_PUBLIC, "g/Script" + i, "java/lang/Object"),
          scripts, null)).isEqualTo(ServiceMatcher.Decision.NONE);
    }

    assertThat(matcher.remembered()).isLessThanOrEqualTo(ServiceMatcher.MAX_REMEMBERED);
    assertThat(matcher.decide("g.Service", covered, scripts, null)).as("decided as before")
        .isEqualTo(ServiceMatcher.Decision.COVERED);
  }
}
