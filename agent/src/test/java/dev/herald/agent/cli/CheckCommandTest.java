package dev.herald.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path folder;
  private Path classes;

  @BeforeEach
  void compileShop() throws Exception {
    classes = AppFixtures.compile(folder.resolve("shop"), AppFixtures.SHOP);
  }

  @Test
  void listsOwnAndInheritedWriteMethodsWithTheirEvents() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.OrderService
            entity: order
            methods: { placeOrder: create }
        """, "--classpath", classes.toString());

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("class com.acme.OrderService")
        .contains("placeOrder(String) -> order.{before,after,failed}.create")
        .contains("create(Object) -> order.{before,after,failed}.create  (from com.acme.BaseService)")
        .contains("delete(long) -> order.{before,after,failed}.delete  (from com.acme.BaseService)")
        .doesNotContain("describe")
        .doesNotContain("update") // private: never instrumented
        .doesNotContain("placeRush")
        .contains("0 error(s), 0 warning(s)");
  }

  @Test
  void warnsAboutAnEntryMatchingNothingAndFailsOnlyWhenStrict() throws Exception {
    String yaml = """
        services:
          - class: com.acme.Missing
            entity: missing
        """;

    CheckRun lenient = CheckRun.of(folder, yaml, "--classpath", classes.toString());
    CheckRun strict = CheckRun.of(folder, yaml, "--classpath", classes.toString(), "--strict");

    assertThat(lenient.status()).isZero();
    assertThat(lenient.output()).contains("WARN  services[0] com.acme.Missing (line 2) matches no class on the class path");
    assertThat(strict.status()).isEqualTo(1);
  }

  @Test
  void suggestsTheClassAndTheMethodAMisspeltNameMeant() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.OrderServce
            entity: order
          - class: com.acme.OrderService
            entity: order
            methods: { placeOrdr: create, "rush*": update, placeRush: updaet }
        """, "--classpath", classes.toString());

    assertThat(run.output()).as(run.output())
        .contains("services[0] com.acme.OrderServce (line 2) matches no class on the class path"
            + " (did you mean com.acme.OrderService?)")
        .contains("services[1] com.acme.OrderService (line 6): methods key 'placeOrdr' matches no method"
            + " of the classes it covers (did you mean 'placeOrder'?)")
        .contains("methods key 'rush*' matches no method of the classes it covers\n")
        .contains("methods key 'placeRush' maps to operation 'updaet' (did you mean 'update'?)")
        .contains("4 warning(s)");
  }

  @Test
  void warnsAboutAMethodsKeyThatMatchesOnlyAPrivateMethod() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.OrderService
            entity: order
            defaults: false
            methods: { update: update, placeOrder: create }
        """, "--classpath", classes.toString());

    assertThat(run.output()).as(run.output())
        .contains("methods key 'update' matches only methods Herald never instruments"
            + " (private, abstract, native, compiler-made or Kotlin suspend functions), so it emits nothing")
        .doesNotContain("methods key 'placeOrder'")
        .contains("1 warning(s)");
  }

  @Test
  void warnsAboutAGlobMatchingMoreClassesThanAllowed() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.*
            entity: auto
        """, "--classpath", classes.toString(), "--max-matches", "2");

    assertThat(run.output()).contains("services[0] com.acme.* (line 2) matches 4 classes (more than 2)");
  }

  @Test
  void warnsAboutMethodsAndClassesMappedTwice() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.OrderService
            entity: order
            methods: { "place*": create, placeOrder: update }
          - class: com.acme.*Service
            entity: auto
        """, "--classpath", classes.toString());

    assertThat(run.output())
        .contains("method placeOrder is matched by methods 'place*' and 'placeOrder'; the first ('place*' -> create) wins")
        .contains("com.acme.OrderService is named by services[0] com.acme.OrderService (line 2) and services[1]")
        .contains("placeRush(String) -> order.{before,after,failed}.create");
  }

  @Test
  void warnsThatAKotlinSuspendFunctionEmitsNothing() throws Exception {
    // kotlinc's shape of `suspend fun create(name: String): Account`: the continuation last, Object returned
    Path kotlin = AppFixtures.compile(folder.resolve("kt"), Map.of(
        "kotlin/coroutines/Continuation.java", "package kotlin.coroutines; public interface Continuation<T> {}",
        "com/kt/AccountService.java", """
            package com.kt;
            public class AccountService {
              public Object create(String name, kotlin.coroutines.Continuation<?> completion) { return name; }
              public void update(String name) {}
            }
            """));

    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.kt.AccountService
            entity: account
        """, "--classpath", kotlin.toString());

    assertThat(run.output()).as(run.output())
        .contains("services[0] com.kt.AccountService (line 2): com.kt.AccountService.create(String, Continuation)"
            + " is a Kotlin suspend function: Herald leaves it as it is, so it emits no events")
        .contains("update(String) -> account.{before,after,failed}.update")
        .doesNotContain("create(String, Continuation) -> ")
        .contains("1 warning(s)");
  }

  @Test
  void warnsThatAKotlinSuspendFunctionOfAConfiguredInterfaceEmitsNothing() throws Exception {
    Path kotlin = AppFixtures.compile(folder.resolve("kt"), Map.of(
        "kotlin/coroutines/Continuation.java", "package kotlin.coroutines; public interface Continuation<T> {}",
        "com/kt/AccountStore.java", """
            package com.kt;
            public interface AccountStore {
              Object create(String name, kotlin.coroutines.Continuation<?> completion);
              void update(String name);
            }
            """));

    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.kt.AccountStore
            entity: account
        """, "--classpath", kotlin.toString());

    assertThat(run.output()).as(run.output())
        .contains("com.kt.AccountStore.create(String, Continuation) is a Kotlin suspend function")
        .contains("update(String) -> account.{before,after,failed}.update")
        .doesNotContain("create(String, Continuation) -> ");
  }

  @Test
  void warnsThatAReactiveResultIsNotFollowed() throws Exception {
    Path reactive = AppFixtures.compile(folder.resolve("rx"), Map.of(
        "reactor/core/publisher/Mono.java", "package reactor.core.publisher; public abstract class Mono<T> {}",
        "com/rx/OrderService.java", """
            package com.rx;
            public class OrderService {
              public reactor.core.publisher.Mono<String> create(String name) { return null; }
              public java.util.concurrent.CompletableFuture<String> update(String name) { return null; }
            }
            """));

    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.rx.OrderService
            entity: order
        """, "--classpath", reactive.toString());

    assertThat(run.output()).as(run.output())
        .contains("com.rx.OrderService.create(String) returns reactor.core.publisher.Mono, which Herald does not"
            + " follow: its after event comes when it returns, before the work has run")
        .contains("create(String) -> order.{before,after,failed}.create")
        .contains("update(String) -> order.{before,after,failed}.update")
        .contains("1 warning(s)");
  }

  @Test
  void readsTheClassesAndLibrariesOfASpringBootFatJar() throws Exception {
    Path lib = AppFixtures.compile(folder.resolve("lib"), Map.of("com/lib/LibBase.java", """
        package com.lib;
        public class LibBase { public void update(Object o) {} }
        """));
    Path libJar = AppFixtures.jar(folder.resolve("lib.jar"), lib, "", Map.of(), Map.of());
    Path app = AppFixtures.compile(folder.resolve("app"), Map.of("com/app/UserService.java", """
        package com.app;
        public class UserService extends com.lib.LibBase {}
        """), lib);
    Path fat = AppFixtures.jar(folder.resolve("app.jar"), app, "BOOT-INF/classes/", Map.of(),
        Map.of("BOOT-INF/lib/lib.jar", Files.readAllBytes(libJar)));

    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.app.UserService
            entity: auto
        """, "--classpath", fat.toString());

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("update(Object) -> user.{before,after,failed}.update  (from com.lib.LibBase)");
  }

  @Test
  void exitsWithTwoOnAConfigErrorNamingTheLine() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.OrderService
            entitty: order
        """);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("ERROR").contains("herald.yaml:3").contains("entity");
  }

  @Test
  void exitsWithTwoWhenAClassPathElementIsMissing() throws Exception {
    CheckRun run = CheckRun.of(folder, "services: [{class: com.acme.OrderService, entity: order}]\n",
        "--classpath", "nowhere.jar");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("ERROR class path element nowhere.jar does not exist");
  }

  @Test
  void writesJsonWithEveryEventNameForTools() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: com.acme.AccountService
            entity: account
        """, "--classpath", classes.toString(), "--json");

    assertThat(run.output().strip())
        .startsWith("{\"config\":\"herald.yaml\",\"status\":0,")
        .contains("\"signature\":\"activate(long)\",\"declaredIn\":\"com.acme.AccountService\",\"operation\":\"activate\","
            + "\"events\":[\"account.before.activate\",\"account.after.activate\",\"account.failed.activate\"]")
        .endsWith("\"findings\":[]}");
  }

  @Test
  void placesJsonFindingsAtTheirLineAndColumn() throws Exception {
    CheckRun warned = CheckRun.of(folder, """
        services:
          - class: com.acme.AccountService
            entity: account
          - class: com.acme.Nowhere
            entity: nowhere
        """, "--classpath", classes.toString(), "--json");
    CheckRun broken = CheckRun.of(folder, """
        services:
          - class: com.acme.AccountService
            entity: "not an entity"
        """, "--json");

    assertThat(warned.output()).as(warned.output())
        .contains("{\"severity\":\"warning\",\"code\":\"no-match\",\"entry\":1,\"line\":4,\"column\":0,");
    assertThat(broken.output()).as(broken.output())
        .contains("{\"severity\":\"error\",\"code\":\"config\",\"entry\":-1,\"line\":3,\"column\":13,");
  }

  @Test
  void saysThatAnEntryNamingAJdkClassIsNeverInstrumented() throws Exception {
    CheckRun run = CheckRun.of(folder, """
        services:
          - class: java.util.ArrayList
            entity: list
        """, "--classpath", classes.toString());

    assertThat(run.output()).as(run.output())
        .contains("WARN  services[0] java.util.ArrayList (line 2) names a class of the JDK (or of Herald or another Java agent), which"
            + " Herald never instruments")
        .doesNotContain("matches no class on the class path");
  }

  @Test
  void placesAWarningAboutAMethodsKeyAtTheKey() throws Exception {
    String yaml = """
        services:
          - class: com.acme.OrderService
            entity: order
            methods:
              placeOrder: create
              "rush*": update
              placeRush: updaet
        """;
    CheckRun text = CheckRun.of(folder, yaml, "--classpath", classes.toString());
    CheckRun json = CheckRun.of(folder, yaml, "--classpath", classes.toString(), "--json");

    assertThat(text.output()).as(text.output())
        .contains("services[0] com.acme.OrderService (line 6): methods key 'rush*' matches no method")
        .contains("services[0] com.acme.OrderService (line 7): methods key 'placeRush' maps to operation 'updaet'");
    assertThat(json.output()).as(json.output())
        .contains("{\"severity\":\"warning\",\"code\":\"unused-method-key\",\"entry\":0,\"line\":6,\"column\":7,")
        .contains("{\"severity\":\"warning\",\"code\":\"unusual-operation\",\"entry\":0,\"line\":7,\"column\":7,");
  }

  @Test
  void warnsAboutAPluginJarItCannotLoad() throws Exception {
    Files.createDirectories(folder.resolve("plugins"));
    AppFixtures.jar(folder.resolve("plugins/not-a-plugin.jar"), classes, "", Map.of(), Map.of());

    CheckRun run = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins:
          path: plugins
          config: { slack: { channel: x } }
        """);

    assertThat(run.output())
        .contains("WARN  plugin not-a-plugin.jar: has no META-INF/services/dev.herald.api.HeraldPlugin")
        .contains("WARN  plugins.config.slack: no plugin of that name");
  }

  @Test
  void refusesAnEmptyClassPathAndHintsAtTheFolderForm() throws Exception {
    String yaml = "services: [{class: com.acme.OrderService, entity: order}]\n";

    CheckRun empty = CheckRun.of(folder, yaml, "--classpath", "");
    CheckRun globbed = CheckRun.of(folder, yaml, "--classpath", "lib/*.jar");

    assertThat(empty.status()).isEqualTo(2);
    assertThat(empty.output()).as(empty.output()).contains("ERROR --classpath is empty (an unset variable?)")
        .doesNotContain("matches no class");
    assertThat(globbed.output()).as(globbed.output()).contains("ERROR class path element lib/*.jar does not exist"
        + " (a folder's jars are written 'lib/*', as for java -cp)");
  }

  @Test
  void warnsAboutALogFileTheAgentCouldNotWrite() throws Exception {
    Files.createDirectories(folder.resolve("logs"));

    CheckRun underAFile = CheckRun.of(folder, "services: []\nlog: { file: herald.yaml/agent.log }\n");
    CheckRun aFolder = CheckRun.of(folder, "services: []\nlog: { file: logs }\n");
    CheckRun fine = CheckRun.of(folder, "services: []\nlog: { file: logs/new/agent.log }\n");

    assertThat(underAFile.output()).as(underAFile.output()).contains("WARN  log.file ")
        .contains("herald.yaml is a file, not a folder; the agent would log to standard error instead");
    assertThat(aFolder.output()).as(aFolder.output()).contains("logs: is a folder; the agent would log to");
    assertThat(fine.output()).as(fine.output()).doesNotContain("log.file");
    assertThat(Files.exists(folder.resolve("logs/new"))).as("check creates nothing").isFalse();
  }

  @Test
  void warnsAboutAPluginWithoutAName() throws Exception {
    Path api = Path.of(dev.herald.api.HeraldPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path plugin = AppFixtures.compile(folder.resolve("nameless"), Map.of("com/acme/NamelessPlugin.java", """
        package com.acme;
        public class NamelessPlugin implements dev.herald.api.HeraldPlugin {
          public String name() { return null; }
          public void start(dev.herald.api.PluginContext context) {}
        }
        """), api);
    Files.createDirectories(folder.resolve("plugins"));
    AppFixtures.jar(folder.resolve("plugins/nameless.jar"), plugin, "", Map.of(),
        Map.of("META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.NamelessPlugin\n".getBytes(StandardCharsets.UTF_8)));

    CheckRun run = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins: { path: plugins }
        """);

    assertThat(run.output()).as(run.output())
        .contains("WARN  plugin nameless.jar: plugin com.acme.NamelessPlugin has no name (name() returned null);"
            + " the agent skips it")
        .doesNotContain("nameless.jar: null");
  }

  @Test
  void aPluginClassForANewerJavaIsAnErrorAsTheAgentRefusesItAnotherClassAWarning() throws Exception {
    Path api = Path.of(dev.herald.api.HeraldPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path plugin = AppFixtures.compile(folder.resolve("lazy"), Map.of("com/acme/LazyPlugin.java", """
        package com.acme;
        public class LazyPlugin implements dev.herald.api.HeraldPlugin {
          public String name() { return "lazy"; }
          public void start(dev.herald.api.PluginContext context) {}
        }
        """), api);
    int newer = Runtime.version().feature() + 1;
    byte[] helper = Files.readAllBytes(plugin.resolve("com/acme/LazyPlugin.class"));
    helper[6] = (byte) ((newer + 44) >> 8);
    helper[7] = (byte) (newer + 44);
    Files.createDirectories(folder.resolve("plugins"));
    // a helper class for a newer Java, and (in the other jar) the plugin class itself
    AppFixtures.jar(folder.resolve("plugins/lazy.jar"), plugin, "", Map.of(), Map.of(
        "META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.LazyPlugin\n".getBytes(StandardCharsets.UTF_8),
        "com/acme/lib/Helper.class", helper));
    Files.write(plugin.resolve("com/acme/LazyPlugin.class"), helper);
    AppFixtures.jar(folder.resolve("plugins/newer.jar"), plugin, "", Map.of(), Map.of(
        "META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.LazyPlugin\n".getBytes(StandardCharsets.UTF_8)));

    CheckRun run = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins: { path: plugins }
        """);

    assertThat(run.status()).as(run.output()).isEqualTo(2);
    assertThat(run.output()).as(run.output())
        .contains("WARN  plugin lazy.jar: holds com/acme/lib/Helper.class, compiled for Java " + newer)
        .contains("if the plugin loads it, that fails (UnsupportedClassVersionError)")
        .doesNotContain("ERROR plugin lazy.jar")
        .contains("ERROR plugin newer.jar: holds com/acme/LazyPlugin.class, compiled for Java " + newer)
        .contains("or run on Java " + newer + " or newer (the agent refuses it)");
  }

  @Test
  void suggestsThePluginAMisspeltPluginsConfigKeyMeant() throws Exception {
    Path api = Path.of(dev.herald.api.HeraldPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path plugin = AppFixtures.compile(folder.resolve("audit"), Map.of("com/acme/AuditPlugin.java", """
        package com.acme;
        public class AuditPlugin implements dev.herald.api.HeraldPlugin {
          public String name() { return "audit-log"; }
          public void start(dev.herald.api.PluginContext context) {}
        }
        """), api);
    Files.createDirectories(folder.resolve("plugins"));
    AppFixtures.jar(folder.resolve("plugins/audit.jar"), plugin, "", Map.of(),
        Map.of("META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.AuditPlugin\n".getBytes(StandardCharsets.UTF_8)));

    CheckRun run = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins:
          path: plugins
          config: { audit-lg: { file: audit.jsonl } }
        """);

    assertThat(run.output()).contains("WARN  plugins.config.audit-lg: no plugin of that name in ")
        .contains("(did you mean 'audit-log'?)");

    AppFixtures.jar(folder.resolve("plugins/audit-copy.jar"), plugin, "", Map.of(),
        Map.of("META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.AuditPlugin\n".getBytes(StandardCharsets.UTF_8)));
    CheckRun twice = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins: { path: plugins }
        """);

    assertThat(twice.output()).contains("WARN  plugin 'audit-log' is in audit-copy.jar and audit.jar; plugin names"
        + " must be unique, so the agent runs only the first it loads and refuses the other");
  }

  @Test
  void asksEachPluginWhetherItWouldAcceptItsSettingsAndFailsOnARefusal() throws Exception {
    Path api = Path.of(dev.herald.api.HeraldPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path plugin = AppFixtures.compile(folder.resolve("loud"), Map.of("com/acme/LoudPlugin.java", """
        package com.acme;
        public class LoudPlugin implements dev.herald.api.HeraldPlugin {
          public String name() { return "loud"; }
          public void start(dev.herald.api.PluginContext context) {}
          @Override public void checkSettings(java.util.Map<String, Object> settings) {
            if (!"high".equals(settings.get("volume"))) {
              throw new IllegalArgumentException("loud: volume must be high, was " + settings.get("volume"));
            }
          }
        }
        """), api);
    Files.createDirectories(folder.resolve("plugins"));
    AppFixtures.jar(folder.resolve("plugins/loud.jar"), plugin, "", Map.of(),
        Map.of("META-INF/services/dev.herald.api.HeraldPlugin", "com.acme.LoudPlugin\n".getBytes(StandardCharsets.UTF_8)));

    CheckRun refused = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins:
          path: plugins
          config:
            loud: { volume: low }
        """);
    CheckRun absent = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins: { path: plugins }
        """);
    CheckRun accepted = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins:
          path: plugins
          config: { loud: { volume: high } }
        """);

    assertThat(refused.status()).as(refused.output()).isEqualTo(2);
    assertThat(refused.output()).startsWith("herald.yaml: config read, 1 service entry, with errors (below)")
        .contains("herald.yaml:5): plugin 'loud' refuses them: loud: volume must be high, was low");
    assertThat(absent.status()).as(absent.output()).isEqualTo(2);
    assertThat(absent.output()).contains("plugins.config.loud (absent: the plugin gets no settings): plugin 'loud'"
        + " refuses them: loud: volume must be high, was null");
    assertThat(accepted.status()).as(accepted.output()).isZero();

    Files.copy(folder.resolve("plugins/loud.jar"), folder.resolve("plugins/loud-copy.jar"));
    CheckRun twice = CheckRun.of(folder, """
        services: [{class: com.acme.OrderService, entity: order}]
        plugins: { path: plugins }
        """);
    assertThat(twice.output().split("refuses them", -1)).as("the copy the agent never runs is not asked: %s",
        twice.output()).hasSize(2);
  }
}
