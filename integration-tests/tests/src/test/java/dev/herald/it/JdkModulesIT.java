package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald on runtimes that lack a JDK module it uses, and under a security manager: what the
 * operator reads says what is missing and what to do, and the application runs on. {@code
 * --limit-modules} on the tests' own JDK stands for a runtime made by jlink without the module.
 */
class JdkModulesIT {

  private static final String ACCOUNTS = "services:\n  - { class: dev.herald.it.shapes.AccountService, entity: account }\n";

  @TempDir
  Path dir;

  @Test
  void listAndAttachWithoutJdkAttachSayWhatIsMissingInOneLineAndExit2() {
    for (String[] command : new String[][] {{"list"}, {"attach", "1", "herald.yaml"}}) {
      Jvm.Result result = Jvm.java().jvmArg("--limit-modules").jvmArg("java.base,java.instrument")
          .jar(Artifacts.agentJar(), command).workDir(dir).run(Timeouts.RUN);

      // exit 1 would say "Herald already runs there"
      assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
      assertThat(result.stderr().lines()).as(result.describe()).singleElement().asString()
          .startsWith("herald: " + command[0] + " needs the jdk.attach module, which this Java runtime (")
          .endsWith("run it with a full JDK's java, or a runtime linked with --add-modules jdk.attach");
    }
  }

  @Test
  void withoutJavaManagementTheJmxWarningNamesTheModuleAndHowToAddIt() throws Exception {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS);
    Jvm.Result result = ws.shapes("plugins-after-quiet") // a second without class loading: JMX is set up
        .jvmArg("--limit-modules").jvmArg("java.base,java.instrument").run(Timeouts.RUN);

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("WARN")).as(result.describe()).singleElement().asString()
        .endsWith("Herald's JMX beans are not available: the JDK module java.management is not in this JVM;"
            + " add --add-modules java.management to the java command line");
  }

  @Test
  void startsUnderASecurityManagerWhosePolicyDoesNotNameTheAgent() throws Exception {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    Jvm.Result result = underTheDocumentedPolicy(ws, "classloading");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.heraldLines("ERROR")).as(result.describe()).isEmpty();
    assertThat(result.heraldLines("WARN")).as(result.describe()).isEmpty();
    assertThat(Calls.names(ws.recording(), "cl-1")).as(result.describe())
        .containsExactly("account.before.create", "account.after.create");
  }

  @Test
  void underASecurityManagerACallOnTheCommonPoolStillHasItsAfterEvent() throws Exception {
    Workspace ws = Workspace.in(dir);
    ws.config(ACCOUNTS + Workspace.RECORDER);
    // the common pool's threads have no permission at all under a security manager, whatever the
    // policy grants the application
    Jvm.Result result = underTheDocumentedPolicy(ws, "common-pool");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.value("cp-update")).as(result.describe()).isEqualTo("cp-2");
    assertThat(result.heraldLines("WARN")).as(result.describe()).isEmpty();
    assertThat(Calls.names(ws.recording(), "cp-2")).as(result.describe())
        .containsExactly("account.before.update", "account.after.update");
  }

  /**
   * Runs {@code scenario} under a security manager with the policy operations.md gives: the
   * application's code may read properties and class loaders (Herald works on its threads), the
   * plugins' private copies under java.io.tmpdir what they do; nothing for the agent's jar.
   */
  private Jvm.Result underTheDocumentedPolicy(Workspace ws, String scenario) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path policy = Files.writeString(dir.resolve("app.policy"), "grant codeBase \""
        + Artifacts.shapesApp().toUri() + "\" {\n"
        + "  permission java.util.PropertyPermission \"*\", \"read\";\n"
        + "  permission java.lang.RuntimePermission \"getClassLoader\";\n"
        + "};\n"
        + "grant codeBase \"" + tmp.toUri() + "-\" {\n"
        + "  permission java.security.AllPermission;\n"
        + "};\n");
    return ws.shapes(scenario).jvmArg("-Djava.security.manager")
        .jvmArg("-Djava.security.policy=" + policy).jvmArg("-Djava.io.tmpdir=" + tmp).run(Timeouts.RUN);
  }
}
