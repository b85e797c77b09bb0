package dev.herald.testkit;

import dev.herald.api.Herald;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that runs a test class with Herald: it installs Herald in the test JVM
 * (from the class's {@link HeraldSettings}, or uses the one started by {@code -javaagent}), captures
 * every event, and hands the test a {@link HeraldEvents} that starts empty for each test.
 *
 * <p>Order: before all tests of the class, Herald is installed and a capturing subscription made;
 * before each test, earlier events are delivered and forgotten; after all tests, the subscription
 * is closed. Herald itself keeps running until the JVM exits (it starts once per JVM).
 *
 * <p>Use it with {@code @ExtendWith(HeraldExtension.class)} and a {@code HeraldEvents} parameter.
 * See {@code docs/testing.md}.
 */
public final class HeraldExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
    ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HeraldExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    HeraldSettings settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), HeraldSettings.class)
        .orElse(null);
    // must come before the first use of dev.herald.api: see HeraldInstaller
    HeraldInstaller.ensure(settings);
    if (!Herald.installed()) {
      throw new IllegalStateException("Herald did not start in this JVM (see the [herald] lines on standard error)"
          + (Herald.class.getClassLoader() != null ? "; dev.herald.api was loaded from the test class path before"
              + " Herald was installed: run the test JVM with -javaagent instead" : ""));
    }
    context.getStore(NAMESPACE).put(HeraldEvents.class, new HeraldEvents(Herald.bus()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    events(context).reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    HeraldEvents events = context.getStore(NAMESPACE).remove(HeraldEvents.class, HeraldEvents.class);
    if (events != null) {
      events.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HeraldEvents.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return events(context);
  }

  private static HeraldEvents events(ExtensionContext context) {
    HeraldEvents events = context.getStore(NAMESPACE).get(HeraldEvents.class, HeraldEvents.class);
    if (events == null) {
      throw new IllegalStateException("HeraldExtension did not start for " + context.getDisplayName());
    }
    return events;
  }
}
