#!/bin/sh
# What Error Prone costs the build: `mvn -o clean test-compile` of every module (main and test
# sources, where Error Prone runs) with Error Prone (the default) and without it
# (-DskipErrorProne), alternated RUNS times (default 3) in a private copy of the working tree, so
# both see the same machine load. Prints the wall times and the ratio, and writes them to
# bench/results/errorprone-build.txt. Needs the dependencies in ~/.m2 (one online build first).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-3}
work=$(mktemp -d /tmp/kvflex-ep-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
# The working tree as it is (tracked and new files), without build output.
git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$work"
cd "$work"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
build() { # $@: extra Maven flags; prints the wall time in ms
  t0=$(now_ms)
  mvn -B -o -q clean test-compile "$@" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  echo $(($(now_ms) - t0))
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print int((a[NR/2] + a[NR/2+1]) / 2)}'; }

build >/dev/null # warm-up: the file cache, Maven's plugin resolution
with=
without=
i=1
while [ "$i" -le "$runs" ]; do
  without="$without $(build -DskipErrorProne)"
  with="$with $(build)"
  i=$((i + 1))
done
mw=$(echo "$with" | median)
mo=$(echo "$without" | median)
result=$(
  echo "errorprone-build: mvn -o clean test-compile, all modules, $runs alternated runs each"
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(uname -m), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jdk: $(java -version 2>&1 | head -1)"
  echo "error prone: $(sed -n 's:.*<errorprone.version>\(.*\)</errorprone.version>.*:\1:p' pom.xml)"
  echo "without Error Prone (ms):$without  median $mo"
  echo "with Error Prone (ms):$with  median $mw"
  echo "ratio with/without (medians): $(awk -v a="$mw" -v b="$mo" 'BEGIN {printf "%.2f", a / b}')"
)
echo "$result"
echo "$result" >"$root/bench/results/errorprone-build.txt"
