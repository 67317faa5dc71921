/**
 * {@code kvctl lint} and {@code kvctl rules}. {@link io.kvflex.kvctl.lint.Linter} runs the driver's
 * option parser on every {@code azure/kv} volume ({@link io.kvflex.kvctl.lint.OptionsCheck}
 * documents what it feeds the parser in place of the kubelet) and the whole-manifest checks; {@link
 * io.kvflex.kvctl.lint.Suppressions} applies annotations and {@code .kvctl.yaml}; the {@code
 * *Format} classes render a {@link io.kvflex.kvctl.lint.LintReport} as plain text, JSON, SARIF
 * 2.1.0 or JUnit XML. The rule catalogue ({@link io.kvflex.kvctl.lint.Rules}) is the single source
 * of the generated docs/rules.md.
 */
package io.kvflex.kvctl.lint;
