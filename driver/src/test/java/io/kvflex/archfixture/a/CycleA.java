package io.kvflex.archfixture.a;

/** Half of a package cycle that {@code ArchitectureTest} must detect. */
public final class CycleA {
  public io.kvflex.archfixture.b.CycleB other;
}
