#!/bin/sh
# Measures the options step of a mount: the first parse in a fresh JVM (class loading included,
# paid by every kubelet call) and the warm per-parse cost. Prints the figures and writes them to
# bench/results/options-parse.txt. Needs a built driver (mvn -pl driver package or verify).
set -eu
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -o -q dependency:build-classpath -pl driver -Dmdep.outputFile="$cp_file" >/dev/null
cp="driver/target/classes:$(cat "$cp_file")"
mkdir -p bench/results bench/target
javac -d bench/target -cp "$cp" bench/OptionsParseBench.java
out=bench/results/options-parse.txt
{
  echo "# options-parse: $(date -u +%Y-%m-%dT%H:%M:%SZ) $(java -version 2>&1 | head -1)"
  echo "# $(nproc) cores; one fresh JVM per run"
  i=1
  while [ "$i" -le "$runs" ]; do
    java -Xshare:auto -cp "bench/target:$cp" OptionsParseBench
    i=$((i + 1))
  done
} | tee "$out"
