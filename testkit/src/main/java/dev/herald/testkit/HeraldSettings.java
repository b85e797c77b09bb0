package dev.herald.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Herald config a test class needs, for {@link HeraldExtension} to install Herald with: a YAML
 * file, or the YAML itself. One of the two; the file wins if both are given.
 *
 * <p>Herald starts once per JVM: every test class of one test JVM must name the same settings (or
 * none). Without this annotation the extension uses the Herald already running (started by
 * {@code -javaagent}), or fails saying how to start one.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HeraldSettings {

  /** A config file: a path relative to the working directory, or {@code classpath:herald-test.yaml}. */
  String file() default "";

  /** The config itself, e.g. a text block with a {@code services} section. */
  String yaml() default "";
}
