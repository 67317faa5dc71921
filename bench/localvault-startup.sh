#!/usr/bin/env bash
# Measures localvault start-up to ready with the built-in demo seed (2 vault certificates with a
# generated CA chain, 2 keys, 3 secrets, 6 identities):
#   cold: a fresh JVM running io.kvflex.localvault.Main until it prints its ready line;
#   warm: LocalVault.start(...) repeated inside one JVM (how tests use it).
# Prints the figures and writes bench/results/localvault-startup.txt.
# Usage: bench/localvault-startup.sh [cold-runs] [warm-runs]
set -euo pipefail
cd "$(dirname "$0")/.."
COLD_RUNS=${1:-5}
WARM_RUNS=${2:-10}
OUT=bench/results/localvault-startup.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mvn -B -o -q -pl localvault test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
CP="localvault/target/classes:localvault/target/test-classes:$(cat "$WORK/cp.txt")"
mvn -B -o -q -pl localvault dependency:build-classpath \
  -Dmdep.outputFile="$WORK/runtime-cp.txt" -Dmdep.includeScope=runtime >/dev/null
RUNTIME_CP="localvault/target/classes:$(cat "$WORK/runtime-cp.txt")"

cold=()
for i in $(seq "$COLD_RUNS"); do
  rm -f "$WORK/ready"
  start=$(date +%s%N)
  java -cp "$RUNTIME_CP" io.kvflex.localvault.Main --quiet >"$WORK/ready" 2>"$WORK/err" &
  pid=$!
  until grep -q '^localvault ready' "$WORK/ready" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$WORK/err" >&2; exit 1; fi
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  cold+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${cold[@]}" | sort -n)
cold_median=$(echo "$sorted" | sed -n "$(( (COLD_RUNS + 1) / 2 ))p")

warm_out=$(java -cp "$CP" io.kvflex.localvault.StartupBench "$WARM_RUNS")

{
  echo "localvault start-up to ready (demo seed), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  echo "cold (new JVM, Main until ready line) ms: ${cold[*]}"
  echo "cold median_ms=$cold_median"
  echo "$warm_out"
} | tee "$OUT"
