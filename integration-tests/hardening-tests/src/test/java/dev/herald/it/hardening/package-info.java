/**
 * Issue 3, points 8-11, as forked-JVM tests: each test starts real JVMs with {@code
 * -javaagent:<the built agent jar>} and reads what a user would read — standard output, the
 * agent's {@code [herald]} lines on standard error, exit codes, files.
 *
 * <ul>
 *   <li>{@link dev.herald.it.hardening.BadConfigCorpusIT}: point 8, the broken-config corpus.
 *   <li>{@link dev.herald.it.hardening.HostilePluginsIT}, {@link
 *       dev.herald.it.hardening.NonDaemonPluginIT}: point 9.
 *   <li>{@link dev.herald.it.hardening.BytecodeShapesIT}: point 10.
 *   <li>{@link dev.herald.it.hardening.YamlTagsIT}, {@link dev.herald.it.hardening.LogHygieneIT},
 *       {@link dev.herald.it.hardening.PluginFolderIT}: point 11.
 * </ul>
 *
 * <p>{@link dev.herald.it.hardening.Jvm}, {@link dev.herald.it.hardening.Artifacts} and {@link
 * dev.herald.it.hardening.Sources} are trimmed copies of the harness in {@code
 * integration-tests/tests} (a module cannot use another's test classes).
 */
package dev.herald.it.hardening;
