package io.kvflex.options;

/** An arrow the table forbids (options may use only errors), for {@code ArchitectureTest}. */
final class ForbiddenArrowFixture {
  io.kvflex.engine.MountEngine engine;
}
