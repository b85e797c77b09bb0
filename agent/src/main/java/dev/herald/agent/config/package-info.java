/**
 * Herald's YAML configuration: finding the file, reading it safely, and checking every value.
 *
 * <p>{@link dev.herald.agent.config.ConfigLoader#locate} finds the file (agent argument, system
 * property {@code herald.config}, environment variable {@code HERALD_CONFIG}, {@code
 * ./herald.yaml}); {@link dev.herald.agent.config.ConfigLoader#load} reads it into an immutable
 * {@link dev.herald.agent.config.HeraldConfig}, or throws a {@link
 * dev.herald.agent.config.ConfigException} listing every problem as {@code herald.yaml:12:5:
 * message}.
 *
 * <p>Terms: a <em>service entry</em> ({@link dev.herald.agent.config.ServiceEntry}) names classes
 * by exact binary name or glob ({@code *} within a package, {@code **} across packages, {@code ?}
 * one character) and maps their method names to <em>operations</em>; its <em>entity</em> is the
 * first segment of every event name it produces.
 *
 * <p>Safety: the file is composed to YAML nodes (SnakeYAML Engine's node tree, built by {@link
 * dev.herald.agent.config.PlainYaml} or SnakeYAML Engine) and read by hand; no Java
 * object is ever constructed from YAML, and explicit tags ({@code !!java.lang.Runtime}, {@code
 * !foo}) are refused. Files over 1 MiB are refused before parsing. {@code ${NAME}} and {@code
 * ${NAME:-default}} are replaced in values (not keys) before they are converted, and error
 * messages name the variable, never its value. Inside flow collections (braces and brackets)
 * YAML reads the brace of a bare <code>${URL}</code> as syntax, so quote such values there: {@code
 * { url: "${URL}" }}.
 *
 * <p>Keys (all optional; an absent {@code services} means nothing is instrumented):
 *
 * <pre>
 * services:        - { class, entity, methods: { name-or-glob: operation }, defaults, enabled }
 * bus:             { queue-capacity: 8192, overflow: block, block-timeout: 50ms, threads: 2,
 *                    shutdown-timeout: 5s }
 * plugins:         { path: plugins, start: deferred, start-timeout: 10s, config: { plugin-name: { ... } } }
 * context:         { mdc: { actor, user-id, trace-id } }
 * log:             { level, format: text, file }   # format: text or json
 * on-config-error: continue        # or exit
 * reload: false                    # reload-interval: 2s
 * </pre>
 *
 * <p>Start-up cost: {@code load} runs in premain, before the application's {@code main}. SnakeYAML
 * Engine's Compose costs ~100 ms of CPU there (some 110 classes, run cold; {@code
 * LoadSettings.builder()} always builds a JSON schema of regular expressions), so a file in the
 * plain subset of YAML that configs are written in is composed by {@code PlainYaml} into the same
 * tree (~20 ms), and only anything else (anchors, block scalars, errors...) goes to SnakeYAML. The
 * reading here is plain code: no lambdas, method references or {@code Optional} chains on the path
 * of a valid file, since each costs a class spun at run time (half a millisecond or so before
 * {@code main}); the error path may use them.
 *
 * <p>The test resource {@code config/design-example.yaml} is the full example of DESIGN.md, read
 * by {@code ConfigLoaderTest}.
 */
package dev.herald.agent.config;
