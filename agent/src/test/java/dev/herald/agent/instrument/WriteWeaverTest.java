package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.agent.bootstrap.HeraldHooks;
import dev.herald.agent.config.ServiceEntry;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves {@link WeaverFixture}, defines it in a class loader of its own (so the JVM verifies the
 * woven code) and calls it, with a recording dispatcher behind {@link HeraldHooks}: results are
 * what they were, and each call reports its arguments, then its result or throwable, once.
 */
class WriteWeaverTest {

  private static final String FIXTURE = WeaverFixture.class.getName();

  private final SiteRegistry sites = new SiteRegistry();
  private final RecordingDispatcher recorder = new RecordingDispatcher();
  private Class<?> woven;

  @BeforeEach
  void weaveAndListen() throws Exception {
    woven = Definer.define(FIXTURE, weave(fixtureBytes(), index("*"), true));
    HeraldHooks.install(recorder);
    HeraldHooks.listening(true);
  }

  @AfterEach
  void stopListening() {
    HeraldHooks.install(null);
    HeraldHooks.listening(false);
  }

  @Test
  void everyWovenMethodReturnsWhatTheOriginalReturns() throws Throwable {
    Object[][] calls = {
      {"countDown", 5}, {"countDown", -3}, {"loopFirst", 7}, {"manyLocals", 3L}, {"wide", 1.5, 2, 3L},
      {"finallyReturns", 0}, {"finallyReturns", 1}, {"finallyReturns", 2}, {"finallyReturns", 3},
      {"switches", 1, "x"}, {"switches", 9, "alpha"}, {"switches", 9, "omega"}, {"switches", 9, "other"},
      {"lambdas", 4}, {"flag", true}, {"oneByte", (byte) 7}, {"letter", 'q'}, {"small", (short) 21},
      {"real", 3f}, {"big", 3L}, {"depth", 6}, {"callsHidden"}, {"locked", new Object(), false},
    };
    Object original = new WeaverFixture();
    Object instance = woven.getConstructor().newInstance();
    for (Object[] call : calls) {
      Object[] args = Arrays.copyOfRange(call, 1, call.length);
      Object expected = call(original, WeaverFixture.class, (String) call[0], args);
      assertThat(call(instance, (String) call[0], args)).as("%s%s", call[0], Arrays.toString(args))
          .isEqualTo(expected);
    }
    int[] box = {1, 2, -1, 4};
    call(instance, "earlyReturn", box);
    assertThat(box).containsExactly(2, 3, -1, 4);
  }

  @Test
  void aCallReportsItsArgumentsThenItsResult() throws Throwable {
    Object result = call(null, "wide", 1.5, 2, 3L);

    assertThat(result).isEqualTo(9.5);
    assertThat(recorder.lines()).containsExactly(
        "enter " + site("wide", "(DIJ)D") + " WeaverFixture self=null",
        "before [1.5, 2, 3]",
        "exit 9.5 (Double)");
  }

  @Test
  void primitiveResultsAreBoxedAsTheirOwnType() throws Throwable {
    Object instance = woven.getConstructor().newInstance();
    Object[][] calls = {{"flag", true}, {"oneByte", (byte) 1}, {"letter", 'a'}, {"small", (short) 2},
      {"real", 1f}, {"big", 1L}, {"array", 2}};
    for (Object[] call : calls) {
      call(instance, (String) call[0], call[1]);
    }
    assertThat(recorder.lines()).filteredOn(line -> line.startsWith("exit")).containsExactly(
        "exit false (Boolean)", "exit 2 (Byte)", "exit A (Character)", "exit 4 (Short)", "exit 0.5 (Float)",
        "exit 1000000000 (Long)", "exit [0, 0] (int[])");
  }

  @Test
  void aThrowingCallReportsTheThrowableItThrows() throws Throwable {
    Object instance = woven.getConstructor().newInstance();

    assertThatThrownBy(() -> call(instance, "alwaysThrows", "no")).isInstanceOf(UnsupportedOperationException.class)
        .isSameAs(recorder.lastThrown).hasMessage("no");
    assertThat(recorder.lines()).last().isEqualTo("failed java.lang.UnsupportedOperationException: no");
  }

  @Test
  void everyPathThroughTryCatchFinallyReportsOneExit() throws Throwable {
    Object instance = woven.getConstructor().newInstance();
    for (int path = 0; path < 4; path++) {
      call(instance, "finallyReturns", path);
    }
    assertThat(recorder.lines()).filteredOn(line -> line.startsWith("exit") || line.startsWith("failed"))
        .containsExactly("exit try (String)", "exit catch:one (String)", "exit finally (String)",
            "exit after (String)");
  }

  @Test
  void aSynchronizedBlockReleasesItsMonitorWhenItThrows() throws Throwable {
    Object instance = woven.getConstructor().newInstance();
    Object lock = new Object();

    assertThatThrownBy(() -> call(instance, "locked", lock, true)).hasMessage("refused");
    assertThat(Thread.holdsLock(lock)).isFalse();
    assertThat(recorder.lines()).last().isEqualTo("failed java.lang.IllegalArgumentException: refused");
  }

  @Test
  void aCallTheDispatcherDeclinesBoxesNothingAndReportsNothingMore() throws Throwable {
    recorder.decline = true;

    assertThat(call(null, "manyLocals", 2L)).isEqualTo(call(null, WeaverFixture.class, "manyLocals", 2L));
    assertThat(recorder.lines()).containsExactly("enter " + site("manyLocals", "(J)J") + " WeaverFixture self=null");
  }

  @Test
  void dispatcherFailuresNeverReachTheCall() throws Throwable {
    for (Throwable failure : List.of(new IllegalStateException("bug"), new StackOverflowError())) {
      recorder.failWith = failure;
      Object instance = woven.getConstructor().newInstance();
      assertThat(call(instance, "loopFirst", 5)).isEqualTo(call(new WeaverFixture(), WeaverFixture.class,
          "loopFirst", 5));
      assertThatThrownBy(() -> call(instance, "alwaysThrows", "still")).isInstanceOf(
          UnsupportedOperationException.class).hasMessage("still");
    }
  }

  @Test
  void constructorsOfACoveredClassAnnounceIt() throws Exception {
    woven.getConstructor().newInstance();
    Class<?> base = Definer.define(FIXTURE, weave(fixtureBytes(), index("*"), false));
    base.getConstructor().newInstance();

    assertThat(recorder.lines()).containsExactly("constructing");
  }

  @Test
  void privateMethodsAndLambdaBodiesAreNotWoven() throws Throwable {
    call(woven.getConstructor().newInstance(), "callsHidden");
    call(null, "lambdas", 2);

    assertThat(recorder.lines()).filteredOn(line -> line.startsWith("enter")).containsExactly(
        "enter " + site("callsHidden", "()I") + " WeaverFixture self=instance",
        "enter " + site("lambdas", "(I)I") + " WeaverFixture self=null");
  }

  @Test
  void aClassWithNothingToWeaveIsLeftAsItIs() throws Exception {
    assertThat(weave(fixtureBytes(), index("noSuchMethod"), false)).isNull();
  }

  @Test
  void classFilesWithoutFramesOrClassLiteralsAreWovenToo() throws Throwable {
    Class<?> old = Definer.define("legacy.Counter", weave(java14Counter(), index("*"), false));

    assertThat(old.getMethod("create", int.class).invoke(null, 41)).isEqualTo(42);
    assertThat(recorder.lines()).containsExactly(
        "enter " + sites.register("legacy.Counter", "create", "(I)I") + " Counter self=null",
        "before [41]", "exit 42 (Integer)");
  }

  @Test
  void aMethodTooLargeOnceWovenIsLeftAsItIsAndTheOthersAreWoven() throws Throwable {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "big/Ledger", null, "java/lang/Object", null);
    MethodVisitor big = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "update", "(I)V", null, null);
    big.visitCode();
    for (int i = 0; i < 65_500; i++) { // just under the JVM's 65,535 bytes: no room for Herald's calls
      big.visitInsn(Opcodes.NOP);
    }
    big.visitInsn(Opcodes.RETURN);
    big.visitMaxs(0, 0);
    MethodVisitor small = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "create", "(I)I", null, null);
    small.visitCode();
    small.visitVarInsn(Opcodes.ILOAD, 0);
    small.visitInsn(Opcodes.IRETURN);
    small.visitMaxs(0, 0);
    writer.visitEnd();
    WeaveNotes notes = new WeaveNotes();

    byte[] woven = WriteWeaver.weave(new ClassReader(writer.toByteArray()), index("*"), false, sites, notes);
    Class<?> ledger = Definer.define("big.Ledger", woven);
    ledger.getMethod("update", int.class).invoke(null, 1);
    ledger.getMethod("create", int.class).invoke(null, 2);

    assertThat(notes.tooLarge).containsExactly("update(I)V");
    assertThat(recorder.lines()).containsExactly(
        "enter " + sites.register("big.Ledger", "create", "(I)I") + " Ledger self=null", "before [2]", "exit 2 (Integer)");
  }

  @Test
  void kotlinSuspendFunctionsAreLeftAsTheyAreAndReported() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "kt/Accounts", null, "java/lang/Object", null);
    // suspend fun create(name: String): Any, as kotlinc compiles it: the continuation last, Object returned
    MethodVisitor suspend = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "create",
        "(Ljava/lang/String;Lkotlin/coroutines/Continuation;)Ljava/lang/Object;", null, null);
    suspend.visitCode();
    suspend.visitVarInsn(Opcodes.ALOAD, 0);
    suspend.visitInsn(Opcodes.ARETURN);
    suspend.visitMaxs(0, 0);
    MethodVisitor plain = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "update", "(I)I", null, null);
    plain.visitCode();
    plain.visitVarInsn(Opcodes.ILOAD, 0);
    plain.visitInsn(Opcodes.IRETURN);
    plain.visitMaxs(0, 0);
    writer.visitEnd();
    WeaveNotes notes = new WeaveNotes();

    byte[] woven = WriteWeaver.weave(new ClassReader(writer.toByteArray()), index("*"), false, sites, notes);

    assertThat(notes.suspendFunctions).containsExactly("create(Ljava/lang/String;Lkotlin/coroutines/Continuation;)Ljava/lang/Object;");
    assertThat(hooksCalledBy(woven, "create")).as("the suspend function is left as it is").isEmpty();
    assertThat(hooksCalledBy(woven, "update")).as("the class's other writes are woven").contains("enter", "returned");
  }

  @Test
  void aMethodReturningAnAsynchronousTypeHeraldDoesNotFollowIsWovenAndNoted() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "rx/Orders", null, "java/lang/Object", null);
    MethodVisitor mono = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "create",
        "(Ljava/lang/String;)Lreactor/core/publisher/Mono;", null, null);
    mono.visitCode();
    mono.visitInsn(Opcodes.ACONST_NULL);
    mono.visitInsn(Opcodes.ARETURN);
    mono.visitMaxs(0, 0);
    writer.visitEnd();
    WeaveNotes notes = new WeaveNotes();

    byte[] woven = WriteWeaver.weave(new ClassReader(writer.toByteArray()), index("*"), false, sites, notes);

    assertThat(notes.unfollowedResults).containsExactly("create(Ljava/lang/String;)Lreactor/core/publisher/Mono;");
    assertThat(hooksCalledBy(woven, "create")).as("woven all the same").contains("enter", "returned");
    assertThat(MethodShapes.unfollowedResult("(Ljava/lang/String;)Lreactor/core/publisher/Mono;"))
        .isEqualTo("reactor.core.publisher.Mono");
    assertThat(MethodShapes.unfollowedResult("()Ljava/util/concurrent/CompletableFuture;")).as("followed").isNull();
  }

  /** The names of the HeraldHooks methods that {@code method} of {@code classFile} calls. */
  private static List<String> hooksCalledBy(byte[] classFile, String method) {
    List<String> calls = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        return !name.equals(method) ? null : new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor,
              boolean isInterface) {
            if (owner.endsWith("/HeraldHooks")) {
              calls.add(called);
            }
          }
        };
      }
    }, 0);
    return calls;
  }

  @Test
  void aLongStoredOverTheLastParameterIsRefused() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "odd/Service", null, "java/lang/Object", null);
    MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "update", "(I)V", null, null);
    method.visitCode();
    method.visitInsn(Opcodes.LCONST_0);
    method.visitVarInsn(Opcodes.LSTORE, 0);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(0, 0);
    writer.visitEnd();

    assertThatThrownBy(() -> weave(writer.toByteArray(), index("*"), false)).isInstanceOf(Unweavable.class)
        .hasMessageContaining("last parameter");
  }

  /** {@code public static int create(int)}, returning its argument plus one, in a Java 1.4 class file. */
  private static byte[] java14Counter() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC, "legacy/Counter", null, "java/lang/Object", null);
    MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "create", "(I)I", null, null);
    method.visitCode();
    method.visitVarInsn(Opcodes.ILOAD, 0);
    method.visitInsn(Opcodes.ICONST_1);
    method.visitInsn(Opcodes.IADD);
    method.visitInsn(Opcodes.IRETURN);
    method.visitMaxs(0, 0);
    writer.visitEnd();
    return writer.toByteArray();
  }

  private byte[] weave(byte[] bytes, ServiceIndex index, boolean covered) {
    return WriteWeaver.weave(new ClassReader(bytes), index, covered, sites);
  }

  private int site(String method, String descriptor) {
    return sites.register(FIXTURE, method, descriptor);
  }

  private Object call(Object target, String name, Object... args) throws Throwable {
    return call(target, woven, name, args);
  }

  private static Object call(Object target, Class<?> type, String name, Object... args) throws Throwable {
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static ServiceIndex index(String methods) {
    return new ServiceIndex(List.of(new ServiceEntry(0, 1, FIXTURE, "fixture", Map.of(methods, "write"), false,
        true)));
  }

  private static byte[] fixtureBytes() throws Exception {
    try (InputStream in = Objects.requireNonNull(WeaverFixture.class.getResourceAsStream("WeaverFixture.class"))) {
      return in.readAllBytes();
    }
  }

  /** Defines one class from bytes, in a loader of its own: the JVM verifies what it defines. */
  private static final class Definer extends ClassLoader {
    Definer() {
      super(WriteWeaverTest.class.getClassLoader());
    }

    static Class<?> define(String name, byte[] bytes) {
      return new Definer().defineClass(name, bytes, 0, bytes.length);
    }
  }
}
