package dev.herald.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.agent.config.ServiceEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Where {@link ClassFiles} finds a supertype's class file, told apart by a class loader that
 * counts every resource lookup made through it: the jar or folder of the class that names it, and
 * the loader's other jars, are read without one.
 */
class ClassFilesTest {

  @TempDir
  Path dir;

  private final List<CountingLoader> loaders = new ArrayList<>();
  private final ClassFiles files = new ClassFiles();

  @AfterEach
  void closeLoaders() throws IOException {
    for (CountingLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void readsASupertypeFromTheJarOfTheClassThatNamesIt() throws IOException {
    Path jar = jar("app.jar", Map.of("com/acme/Base.class", classFile("com/acme/Base", "java/lang/Object")));

    assertReadWithoutLookups("com.acme.Base", loader(jar), url(jar));
  }

  @Test
  void readsFromAFolderCodeSource() throws IOException {
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("com/acme"));
    Files.write(classes.resolve("com/acme/Base.class"), classFile("com/acme/Base", "java/lang/Object"));

    assertReadWithoutLookups("com.acme.Base", loader(classes), url(classes));
  }

  @Test
  void findsASupertypeInAnotherJarTheLoaderHasLoadedFrom() throws IOException {
    Path core = jar("core.jar", Map.of("lib/core/Base.class", classFile("lib/core/Base", "java/lang/Object")));
    Path extra = jar("extra.jar", Map.of("lib/extra/Thing.class", classFile("lib/extra/Thing", "lib/core/Base")));
    CountingLoader loader = loader(core, extra);
    files.read("lib.core.Base", loader, url(core)); // a class of core.jar loaded first

    assertReadWithoutLookups("lib.core.Base", loader, url(extra)); // named by a class of extra.jar
  }

  @Test
  void asksTheLoaderWhenNoJarItHasLoadedFromHoldsTheClass() throws IOException {
    Path core = jar("core.jar", Map.of("lib/core/Base.class", classFile("lib/core/Base", "java/lang/Object")));
    Path extra = jar("extra.jar", Map.of("lib/extra/Thing.class", classFile("lib/extra/Thing", "lib/core/Base")));
    CountingLoader loader = loader(core, extra);

    byte[] bytes = files.read("lib.core.Base", loader, url(extra));

    assertThat(new ClassReader(bytes).getClassName()).isEqualTo("lib/core/Base");
    assertThat(loader.lookups).containsExactly("findResource lib/core/Base.class");
  }

  @Test
  void readsTheVersionOfAMultiReleaseJarThatThisJavaLoads() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
    Path jar = jar("mr.jar", manifest, Map.of(
        "com/acme/Base.class", classFile("com/acme/Base", "java/lang/Object"),
        "META-INF/versions/11/com/acme/Base.class", classFile("com/acme/Base", "com/acme/Newer")));
    CountingLoader loader = loader(jar);

    byte[] bytes = files.read("com.acme.Base", loader, url(jar));

    assertThat(new ClassReader(bytes).getSuperName()).isEqualTo("com/acme/Newer");
  }

  @Test
  void readsFromAJarUrlCodeSource() throws IOException {
    Path jar = jar("app.jar", Map.of("com/acme/Base.class", classFile("com/acme/Base", "java/lang/Object")));

    assertReadWithoutLookups("com.acme.Base", loader(jar), new URL("jar:" + url(jar) + "!/"));
  }

  @Test
  void aJarClosedByItsOwnerIsForgottenAndTheLoaderAsked() throws IOException {
    Path jar = jar("app.jar", Map.of(
        "com/acme/Base.class", classFile("com/acme/Base", "java/lang/Object"),
        "com/acme/Other.class", classFile("com/acme/Other", "java/lang/Object")));
    CountingLoader loader = loader(jar);
    URL codeSource = new URL("jar:" + url(jar) + "!/");
    files.read("com.acme.Base", loader, codeSource);
    ((JarURLConnection) codeSource.openConnection()).getJarFile().close(); // the JDK's shared copy

    byte[] bytes = files.read("com.acme.Other", loader, codeSource);

    assertThat(new ClassReader(bytes).getClassName()).isEqualTo("com/acme/Other");
    assertThat(loader.lookups).containsExactly("findResource com/acme/Other.class");
  }

  @Test
  void aClassFoundNowhereIsNull() throws IOException {
    Path jar = jar("app.jar", Map.of("com/acme/Base.class", classFile("com/acme/Base", "java/lang/Object")));
    CountingLoader loader = loader(jar);

    assertThat(files.read("com.acme.Missing", loader, url(jar))).isNull();
    assertThat(files.read("com.acme.Missing", loader, null)).isNull();
  }

  @Test
  void theMatcherNeverLooksUpJdkSupertypesOutsideTheJavaPackages() throws IOException {
    byte[] handler = classFile("com/acme/XmlService", "org/xml/sax/helpers/DefaultHandler",
        "org/w3c/dom/events/EventListener", "jdk/net/Sockets");
    Path jar = jar("app.jar", Map.of("com/acme/XmlService.class", handler));
    CountingLoader loader = loader(jar);
    ServiceMatcher matcher = new ServiceMatcher(
        new ServiceIndex(List.of(new ServiceEntry(0, 1, "com.acme.OrderService", "order", Map.of(), true, true))),
        (name, from) -> { });

    ServiceMatcher.Decision decision = matcher.decide("com.acme.XmlService", new ClassReader(handler), loader, url(jar));

    assertThat(decision).isEqualTo(ServiceMatcher.Decision.NONE);
    assertThat(loader.lookups).isEmpty();
  }

  @Test
  void theMatcherStillFindsAConfiguredTypeThroughASupertypeInAnotherJar() throws IOException {
    OrdersInTwoJars jars = ordersInTwoJars();

    ServiceMatcher matcher = orderServiceMatcher();
    ServiceMatcher.Decision decision = matcher.decide("com.acme.impl.Orders",
        new ClassReader(jars.impl()), loader(jars.app(), jars.api()), url(jars.app()));

    assertThat(decision).isEqualTo(ServiceMatcher.Decision.COVERED);
    assertThat(matcher.namedSeen()).as("for the exit's check of entries that matched nothing")
        .containsExactly("com.acme.api.OrderService");
  }

  @Test
  void aSupertypeOneLoaderCannotFindDoesNotHideTheClassFromALoaderThatCan() throws IOException {
    OrdersInTwoJars jars = ordersInTwoJars();
    ServiceMatcher matcher = orderServiceMatcher();
    ClassReader orders = new ClassReader(jars.impl());

    ServiceMatcher.Decision withoutApi = matcher.decide("com.acme.impl.Orders", orders, loader(jars.app()), url(jars.app()));
    ServiceMatcher.Decision withApi =
        matcher.decide("com.acme.impl.Orders", orders, loader(jars.app(), jars.api()), url(jars.app()));

    assertThat(withoutApi).isEqualTo(ServiceMatcher.Decision.NONE);
    assertThat(withApi).isEqualTo(ServiceMatcher.Decision.COVERED);
    assertThat(matcher.knownUntouched("com.acme.impl.Orders")).isFalse();
  }

  @Test
  void aSupertypeALoaderCannotFindIsLookedForOnceByThatLoader() throws IOException {
    OrdersInTwoJars jars = ordersInTwoJars();
    ServiceMatcher matcher = orderServiceMatcher();
    CountingLoader withoutApi = loader(jars.app());
    matcher.decide("com.acme.impl.Orders", new ClassReader(jars.impl()), withoutApi, url(jars.app()));
    assertThat(withoutApi.lookups).as("looked for once").anyMatch(lookup -> lookup.contains("AbstractOrders"));
    withoutApi.lookups.clear();

    byte[] other = classFile("com/acme/impl/RushOrders", "com/acme/api/AbstractOrders");
    ServiceMatcher.Decision decision =
        matcher.decide("com.acme.impl.RushOrders", new ClassReader(other), withoutApi, url(jars.app()));

    assertThat(decision).isEqualTo(ServiceMatcher.Decision.NONE);
    assertThat(withoutApi.lookups).as("not looked for again by the same loader").isEmpty();
  }

  /** {@code com.acme.impl.Orders} in app.jar, over {@code AbstractOrders} and the configured {@code OrderService} in api.jar. */
  private record OrdersInTwoJars(Path api, Path app, byte[] impl) {}

  private OrdersInTwoJars ordersInTwoJars() throws IOException {
    Path api = jar("api.jar", Map.of(
        "com/acme/api/OrderService.class", classFile("com/acme/api/OrderService", "java/lang/Object"),
        "com/acme/api/AbstractOrders.class", classFile("com/acme/api/AbstractOrders", "com/acme/api/OrderService")));
    byte[] impl = classFile("com/acme/impl/Orders", "com/acme/api/AbstractOrders");
    return new OrdersInTwoJars(api, jar("app.jar", Map.of("com/acme/impl/Orders.class", impl)), impl);
  }

  private static ServiceMatcher orderServiceMatcher() {
    return new ServiceMatcher(
        new ServiceIndex(List.of(new ServiceEntry(0, 1, "com.acme.api.OrderService", "order", Map.of(), true, true))),
        (name, from) -> { });
  }

  private void assertReadWithoutLookups(String className, CountingLoader loader, URL codeSource) {
    byte[] bytes = files.read(className, loader, codeSource);

    assertThat(new ClassReader(bytes).getClassName()).isEqualTo(className.replace('.', '/'));
    assertThat(loader.lookups).as("lookups through the class loader").isEmpty();
  }

  private CountingLoader loader(Path... entries) throws IOException {
    URL[] urls = new URL[entries.length];
    for (int i = 0; i < entries.length; i++) {
      urls[i] = url(entries[i]);
    }
    CountingLoader loader = new CountingLoader(urls);
    loaders.add(loader);
    return loader;
  }

  private static URL url(Path path) throws IOException {
    return path.toUri().toURL();
  }

  private Path jar(String name, Map<String, byte[]> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    return jar(name, manifest, entries);
  }

  private Path jar(String name, Manifest manifest, Map<String, byte[]> entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static byte[] classFile(String internalName, String superName, String... interfaces) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, superName, interfaces);
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** Records every resource lookup made through it, its parents' included. */
  private static final class CountingLoader extends URLClassLoader {
    final List<String> lookups = new ArrayList<>();

    CountingLoader(URL[] urls) {
      super(urls, null);
    }

    @Override
    public URL getResource(String name) {
      lookups.add("getResource " + name);
      return super.getResource(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      lookups.add("getResourceAsStream " + name);
      return super.getResourceAsStream(name);
    }

    @Override
    public URL findResource(String name) {
      lookups.add("findResource " + name);
      return super.findResource(name);
    }
  }
}
