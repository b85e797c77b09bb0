package dev.herald.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEntryTest {

  private static ServiceEntry entry(String pattern) {
    return new ServiceEntry(0, 1, pattern, "x", Map.of(), true, true);
  }

  private static ServiceEntry methods(boolean defaults, String... pairs) {
    Map<String, String> methods = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      methods.put(pairs[i], pairs[i + 1]);
    }
    return new ServiceEntry(0, 1, "a.B", "b", methods, defaults, true);
  }

  @Test
  void exactNameMatchesOnlyItself() {
    ServiceEntry entry = entry("com.acme.OrderService");
    assertThat(entry.isGlob()).isFalse();
    assertThat(entry.matchesClass("com.acme.OrderService")).isTrue();
    assertThat(entry.matchesClass("com.acme.OrderServiceImpl")).isFalse();
    assertThat(entry.matchesClass("com.acme.OrderService$Inner")).isFalse();
  }

  @Test
  void singleStarStaysWithinAPackage() {
    ServiceEntry entry = entry("com.acme.*Service");
    assertThat(entry.isGlob()).isTrue();
    assertThat(entry.matchesClass("com.acme.OrderService")).isTrue();
    assertThat(entry.matchesClass("com.acme.Service")).isTrue();
    assertThat(entry.matchesClass("com.acme.Outer$InnerService")).isTrue();
    assertThat(entry.matchesClass("com.acme.orders.OrderService")).isFalse();
    assertThat(entry.matchesClass("com.acmeX.OrderService")).isFalse();
    assertThat(entry("com.acme.*.*Service").matchesClass("com.acme.orders.OrderService")).isTrue();
  }

  @Test
  void doubleStarCrossesPackages() {
    ServiceEntry entry = entry("com.acme.**Service");
    assertThat(entry.matchesClass("com.acme.OrderService")).isTrue();
    assertThat(entry.matchesClass("com.acme.a.b.OrderService")).isTrue();
    assertThat(entry.matchesClass("com.other.OrderService")).isFalse();
    assertThat(entry("com.acme.**").matchesClass("com.acme.x.Y$Z")).isTrue();
  }

  @Test
  void aGlobNeverMatchesAnonymousLocalOrCompilerMadeClassesButAnExactNameDoes() {
    ServiceEntry entry = entry("com.acme.*Service*");
    assertThat(entry.matchesClass("com.acme.AccountService")).isTrue();
    assertThat(entry.matchesClass("com.acme.AccountService$Inner")).isTrue();
    assertThat(entry.matchesClass("com.acme.AccountService$1")).as("anonymous").isFalse();
    assertThat(entry.matchesClass("com.acme.AccountService$1Helper")).as("local").isFalse();
    assertThat(entry.matchesClass("com.acme.AccountService$create$1")).as("a Kotlin coroutine's").isFalse();
    assertThat(entry.matchesClass("com.acme.AccountService$create$id$1")).isFalse();
    assertThat(entry("com.acme.AccountService$1").matchesClass("com.acme.AccountService$1")).isTrue();
  }

  @Test
  void questionMarkIsOneCharacterOtherThanDot() {
    ServiceEntry entry = entry("com.acme.V?Service");
    assertThat(entry.matchesClass("com.acme.V2Service")).isTrue();
    assertThat(entry.matchesClass("com.acme.VService")).isFalse();
    assertThat(entry.matchesClass("com.acme.V22Service")).isFalse();
    assertThat(entry("com.acme?Foo").matchesClass("com.acme.Foo")).isFalse();
  }

  @Test
  void nestedClassesMatchDollarLiterally() {
    ServiceEntry entry = entry("com.acme.Outer$Inner");
    assertThat(entry.isGlob()).isFalse();
    assertThat(entry.matchesClass("com.acme.Outer$Inner")).isTrue();
    assertThat(entry.matchesClass("com.acme.OuterXInner")).isFalse();
    assertThat(entry("com.acme.Outer$*").matchesClass("com.acme.Outer$Inner")).isTrue();
  }

  @Test
  void autoEntityDropsOneSuffixAndLowerCasesTheFirstLetter() {
    ServiceEntry auto = new ServiceEntry(0, 1, "com.acme.**", "auto", Map.of(), true, true);
    assertThat(auto.isAutoEntity()).isTrue();
    assertThat(auto.entityFor("com.acme.legacy.LegacyUserService")).isEqualTo("legacyUser");
    assertThat(auto.entityFor("com.acme.FooServiceImpl")).isEqualTo("foo");
    assertThat(auto.entityFor("com.acme.OrderRepository")).isEqualTo("order");
    assertThat(auto.entityFor("com.acme.UserDao")).isEqualTo("user");
    assertThat(auto.entityFor("com.acme.UserDAO")).isEqualTo("user");
    assertThat(auto.entityFor("com.acme.CacheManager")).isEqualTo("cache");
    assertThat(auto.entityFor("com.acme.AccountImpl")).isEqualTo("account");
    assertThat(auto.entityFor("com.acme.Outer$PaymentService")).isEqualTo("payment");
    assertThat(auto.entityFor("com.acme.ImplServiceService")).isEqualTo("implService");
    assertThat(auto.entityFor("com.acme.Service")).isEqualTo("service");
    assertThat(auto.entityFor("Ledger")).isEqualTo("ledger");
  }

  @Test
  void configuredEntityIsUsedAsIs() {
    assertThat(entry("com.acme.*Service").entityFor("com.acme.OrderService")).isEqualTo("x");
  }

  @Test
  void defaultOperationsCountByExactName() {
    ServiceEntry entry = methods(true);
    for (String op : ServiceEntry.DEFAULT_OPERATIONS) {
      assertThat(entry.operationFor(op)).isEqualTo(op);
    }
    assertThat(entry.operationFor("createAll")).isNull();
    assertThat(entry.operationFor("find")).isNull();
  }

  @Test
  void methodsComeBeforeDefaultsWhichStillCount() {
    ServiceEntry entry = methods(true, "placeOrder", "create", "create", "insert");
    assertThat(entry.operationFor("placeOrder")).isEqualTo("create");
    assertThat(entry.operationFor("create")).isEqualTo("insert");
    assertThat(entry.operationFor("update")).isEqualTo("update");
  }

  @Test
  void defaultsFalseLeavesOnlyTheMethods() {
    ServiceEntry entry = methods(false, "placeOrder", "create");
    assertThat(entry.operationFor("placeOrder")).isEqualTo("create");
    assertThat(entry.operationFor("update")).isNull();
  }

  @Test
  void firstMatchInFileOrderWinsBetweenGlobsAndExactNames() {
    ServiceEntry globFirst = methods(true, "save*", "upsert", "saveDraft", "draft");
    assertThat(globFirst.operationFor("saveDraft")).isEqualTo("upsert");
    ServiceEntry exactFirst = methods(true, "saveDraft", "draft", "save*", "upsert", "s?ve", "x");
    assertThat(exactFirst.operationFor("saveDraft")).isEqualTo("draft");
    assertThat(exactFirst.operationFor("saveAll")).isEqualTo("upsert");
    assertThat(exactFirst.operationFor("sive")).isEqualTo("x");
    assertThat(exactFirst.operationFor("delete")).isEqualTo("delete");
    assertThat(methods(true, "*", "touch").operationFor("create")).isEqualTo("touch");
  }

  @Test
  void constructorRefusesNamesTheFileWouldRefuse() {
    assertThatThrownBy(() -> entry("com..Foo")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> new ServiceEntry(0, 1, "a.B", "a.b", Map.of(), true, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> methods(true, "x", "no good"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
