package io.kvflex.archfixture.b;

/** The other half of the package cycle that {@code ArchitectureTest} must detect. */
public final class CycleB {
  public io.kvflex.archfixture.a.CycleA other;
}
