package io.kvflex.engine;

import io.kvflex.render.FileProjection;
import java.util.List;
import java.util.Optional;

/**
 * The files of one volume, one outcome per object of the request in option order. Under {@link
 * FailurePolicy#FIRST_FAILURE} every outcome holds a file.
 */
public record Projection(List<ObjectOutcome> outcomes) {

  public Projection {
    outcomes = List.copyOf(outcomes);
  }

  /** The rendered files, in option order (what a writer puts on disk). */
  public List<FileProjection> files() {
    return outcomes.stream().map(ObjectOutcome::file).flatMap(Optional::stream).toList();
  }

  /** Whether every object became its file. */
  public boolean complete() {
    return outcomes.stream().allMatch(ObjectOutcome::ok);
  }
}
