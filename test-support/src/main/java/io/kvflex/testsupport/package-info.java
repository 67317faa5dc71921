/**
 * Test helpers shared by the tests of every kvflex module, so that no module keeps its own copy:
 * {@link io.kvflex.testsupport.Golden} files, untyped {@link io.kvflex.testsupport.Json}, the PEM
 * and key oracle ({@link io.kvflex.testsupport.Pem}, {@link io.kvflex.testsupport.KeyMaterial}),
 * TLS ({@link io.kvflex.testsupport.StubTls}, {@link io.kvflex.testsupport.Tls}), captured streams
 * for in-process entry points, {@link io.kvflex.testsupport.ProcessRun} for built artifacts and a
 * {@link io.kvflex.testsupport.ManualClock} that tests step instead of sleeping.
 *
 * <p>Everything here is independent of the code under test: the oracles use the JDK alone.
 */
package io.kvflex.testsupport;
