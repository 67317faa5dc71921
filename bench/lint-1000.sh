#!/usr/bin/env bash
# Times `kvctl lint` on 1,000 generated pod documents (one multi-document stream, a mix of clean
# volumes and volumes with option, identity and mount mistakes) and prints the figures; writes
# them to bench/results/lint-1000.txt.
#
#   bench/lint-1000.sh            # builds kvctl first when needed (mvn -o package)
#   RUNS=9 bench/lint-1000.sh     # more runs per measurement (default 5; the median is reported)
#
# What is measured (median of RUNS; wall clock and CPU time, ms):
#   jvm+startup   kvctl --version: JVM start, class loading, picocli; no linting
#   lint-1        kvctl lint on a stream of 1 pod document
#   lint-1000     kvctl lint on a stream of 1,000 pod documents
#   per-1000      lint-1000 minus lint-1: the cost of linting 999 more documents once started
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
RUNS=${RUNS:-5}
JAR="$ROOT/kvctl-cli/target/kvctl.jar"
OUT="$ROOT/bench/results/lint-1000.txt"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ ! -f "$JAR" ] || [ ! -d "$ROOT/kvctl-cli/target/lib" ]; then
  echo "building kvctl…" >&2
  (cd "$ROOT" && mvn -B -q -o -DskipTests -pl kvctl-cli -am package) >&2
fi

# One pod document; every 4th has mistakes (bad vault name, unquoted boolean, writable mount).
pod() {
  local i=$1
  local vault="vault$((i % 50))" ro=true pid='"true"'
  if [ $((i % 4)) -eq 0 ]; then vault="bad_vault_$i"; ro=false; pid=true; fi
  cat <<YAML
---
# Source: bench/templates/pod-$i.yaml
apiVersion: v1
kind: Pod
metadata:
  name: pod-$i
  namespace: bench
  labels: {app: bench, aadpodidbinding: bench}
spec:
  containers:
    - name: app
      image: busybox
      volumeMounts:
        - {name: kv, mountPath: /kv, readOnly: $ro}
  volumes:
    - name: kv
      flexVolume:
        driver: azure/kv
        options:
          usepodidentity: $pid
          keyvaultname: "$vault"
          keyvaultobjectnames: "db-password;tls-cert;signing-key"
          keyvaultobjecttypes: "secret;cert;key"
          keyvaultobjectaliases: "db/password;tls/tls.crt;keys/signing.pem"
          tenantid: "72f988bf-86f1-41af-91ab-2d7cd011db47"
          subscriptionid: "0b1f6471-1bf0-4dda-aec3-111122223333"
          resourcegroup: "bench-rg"
YAML
}

pod 1 >"$WORK/one.yaml"
for i in $(seq 1 1000); do pod "$i"; done >"$WORK/thousand.yaml"

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
JAVA=${JAVA:-java}
kvctl() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" "$@"; }

# "wall cpu": median wall-clock ms and median CPU ms (user+sys, all JVM threads) of RUNS runs of
# the given kvctl arguments (exit 0 or 1 both count). CPU time is far less sensitive than wall
# time to other processes competing for the cores.
median_ms() {
  local walls=() cpus=() t0 t1 line
  local TIMEFORMAT='%U %S'
  for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N)
    line=$({ time kvctl "$@" >/dev/null 2>&1 || [ $? -eq 1 ]; } 2>&1)
    t1=$(date +%s%N)
    walls+=($(((t1 - t0) / 1000000)))
    cpus+=("$(echo "$line" | awk '{printf "%d", ($1 + $2) * 1000}')")
  done
  local mid=$(((RUNS + 1) / 2))
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p") $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")"
}

kvctl lint --format json "$WORK/thousand.yaml" >"$WORK/thousand.json" || true
findings=$(grep -c '"ruleId"' "$WORK/thousand.json" || true)
read -r startup startup_cpu <<<"$(median_ms --version)"
read -r one one_cpu <<<"$(median_ms lint --format json "$WORK/one.yaml")"
read -r thousand thousand_cpu <<<"$(median_ms lint --format json "$WORK/thousand.yaml")"
per=$((thousand - one))
per_cpu=$((thousand_cpu - one_cpu))

{
  echo "kvctl lint, 1,000 pod documents ($(wc -c <"$WORK/thousand.yaml") bytes, $findings findings)"
  echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine:    $(nproc) cores, $("$JAVA" -version 2>&1 | head -1)"
  echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; the 2 cores are shared, figures scale with load)"
  echo "runs:       $RUNS per figure; medians of wall clock and of CPU (user+sys, all threads)"
  echo "                                       wall ms   cpu ms"
  printf 'jvm+startup (kvctl --version)    %9s %8s\n' "$startup" "$startup_cpu"
  printf 'lint-1      (1 document)         %9s %8s\n' "$one" "$one_cpu"
  printf 'lint-1000   (1,000 documents)    %9s %8s\n' "$thousand" "$thousand_cpu"
  printf 'per-1000    (lint-1000 - lint-1) %9s %8s\n' "$per" "$per_cpu"
} | tee "$OUT"
