package io.kvflex.kvctl.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean": the candidates within a small edit distance of a misspelt word (kubectl's rule:
 * Damerau-Levenshtein distance of at most 2, or a prefix of the candidate), closest first.
 */
public final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /** The close candidates, best first (empty when nothing is close). */
  public static List<String> closest(String word, Collection<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .distinct()
        .filter(c -> !c.equals(word))
        .map(c -> new Scored(c, distance(w, c.toLowerCase(Locale.ROOT))))
        .filter(
            s ->
                s.distance <= MAX_DISTANCE
                    || (w.length() >= 3 && s.candidate.toLowerCase(Locale.ROOT).startsWith(w)))
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
        .map(Scored::candidate)
        .toList();
  }

  private record Scored(String candidate, int distance) {}

  /** Optimal string alignment distance (edits plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
