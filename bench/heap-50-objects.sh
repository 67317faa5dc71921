#!/bin/sh
# Measures the Java heap one mount of 50 objects needs, to justify the launcher's -Xmx:
#   1. the smallest -Xmx (from a ladder of sizes) at which the built driver mounts 50 secrets whose
#      answers are just under the response size cap (256 KiB each: the worst a vault can make us
#      hold), and the same for 50 secrets of 25 KB (Key Vault's own largest secret);
#   2. the peak heap in use (before a collection, from -Xlog:gc) at the launcher's -Xmx;
#   3. wall time at the launcher's -Xmx against the JVM's default heap, runs alternated, as a ratio;
#   4. the node agent (`kv agent` at its default heap, KVFLEX_AGENT_HEAP, and its default answer
#      budget, KVFLEX_AGENT_MEMORY) serving as many of these mounts at once as it runs calls at once
#      (8): how many succeed, how many get the out-of-memory message, whether the agent lives on and
#      its peak resident memory; then the normal workloads (8 x 50 x 25 KB, 40 x 10 objects at once
#      after a warm-up mount) on the same agent setup.
# Runs the driver JVM with the launcher's flags (driver/src/main/plugin/kv) against an in-process
# localvault (bench/HeapSeed.java); needs root (real tmpfs) and a built plugin folder:
# `mvn -B -o -pl driver -am package -DskipTests`. Writes bench/results/heap-50-objects.txt.
# RUNS=<n> sets the timing repetitions (default 5); AGENT_ONLY=1 runs only step 4 (the agent).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
plugin=$root/driver/target/plugin/azure~kv
lib=$plugin/lib
[ -x "$plugin/kv" ] || { echo "build first: mvn -B -o -pl driver -am package -DskipTests" >&2; exit 2; }
launcher_xmx=$(sed -n 's/.*-Xmx\([0-9]*[mg]\).*/\1/p' "$plugin/kv" | head -1)
[ -n "$launcher_xmx" ] || { echo "no -Xmx in $plugin/kv" >&2; exit 2; }
work=$(mktemp -d /tmp/kvflex-heap.XXXXXX)
# The server's pid is kept in a file: the measuring block below runs in a subshell (| tee).
cleanup() {
  [ -f "$work/lv.pid" ] && kill "$(cat "$work/lv.pid")" 2>/dev/null || true
  [ -n "${apid:-}" ] && kill "$apid" 2>/dev/null || true
  for d in "${vols:-$work}"/vol "${vols:-$work}"/a-* "$work"/run/staging/* "$work"/run-agent/staging/*; do
    [ -d "$d" ] && umount "$d" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export KVFLEX_LOG_FILE="$work/kv-driver.log"
. "$root/bench/localvault.sh"
# A private run directory (KVFLEX_RUN_DIR) and the kubelet-shaped directory volumes go under ($vols).
driver_volumes "$work"
lv_work=$work

localvault_classpath "$root" "$work/lv.cp"
lv_cp="$root/localvault/target/classes:$(cat "$work/lv.cp")"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$lv_cp" "$root/bench/HeapSeed.java"

count=50
# The objects a mount lists: the first $1 (default $count) of the served secrets.
object_lists() {
  names=
  types=
  i=0
  while [ "$i" -lt "${1:-$count}" ]; do
    names="$names${names:+;}big-$i"
    types="$types${types:+;}secret"
    i=$((i + 1))
  done
}
object_lists

# Stops the localvault serve started, if any.
stop_serve() {
  if [ -f "$work/lv.pid" ]; then
    kill "$(cat "$work/lv.pid")" 2>/dev/null || true
    wait "$(cat "$work/lv.pid")" 2>/dev/null || true
    rm -f "$work/lv.pid"
  fi
}

# Starts localvault with $count secrets of $1 bytes; sets $tenant.
serve() {
  stop_serve
  rm -f "$work/lv.out"
  java -Xmx1g -cp "$work/classes:$lv_cp" HeapSeed \
    "$root/driver/src/test/resources/io/kvflex/flexvolume/blackbox/seed.yaml" \
    "$count" "$1" "$work/env.json" "$work/hosts" >"$work/lv.out" 2>&1 &
  echo $! >"$work/lv.pid"
  n=0
  until grep -q ready "$work/lv.out" 2>/dev/null; do
    n=$((n + 1)); [ "$n" -lt 240 ] || { echo "localvault did not start" >&2; cat "$work/lv.out" >&2; exit 1; }
    sleep 0.5
  done
  tenant=$(sed -n 's/.*tenant=\([^ ]*\).*/\1/p' "$work/lv.out")
}

options() { mount_options "$names" "$types"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# One mount with heap $1 ("default" = the JVM's own choice); prints the answer; GC log in $work/gc.log.
mount_with() {
  heap=
  [ "$1" = default ] || heap=-Xmx$1
  mkdir -p "$vols/vol"
  answer=$(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData $heap \
    -Xlog:disable -Xlog:gc:file="$work/gc.log" -Djdk.net.hosts.file="$work/hosts" \
    -cp "$lib/*" io.kvflex.flexvolume.Main mount "$vols/vol" "$(options)" 2>&1) || true
  umount "$vols/vol" 2>/dev/null || true
  rm -rf "$vols/vol"
  printf '%s' "$answer"
}

# Largest heap in use before a collection, in MiB (0 when no collection ran).
peak_mib() {
  sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$work/gc.log" | sort -n | tail -1 | awk '{print ($1 == "" ? 0 : $1)}'
}

# The smallest heap of the ladder at which the mount succeeds.
smallest() {
  for h in 16m 24m 32m 40m 48m 64m 80m 96m 128m 192m 256m; do
    case $(mount_with "$h") in
      *'"Success"'*) echo "$h (peak in use $(peak_mib) MiB)"; return ;;
    esac
  done
  echo "more than 256m"
}

# 4. The agent's heap: $1 (default 8, KVFLEX_AGENT_CONCURRENCY) mounts of $2 (default $count)
# objects at the same moment, through the launcher, after one warm-up mount when $3 is "warm";
# prints how many succeeded, how many got the out-of-memory message, whether the agent is still
# there and its peak resident memory.
agent_heap=$(sed -n 's/.*KVFLEX_AGENT_HEAP:-\([0-9]*[mg]\).*/\1/p' "$plugin/kv" | head -1)
agent_burst() {
  n=${1:-8}
  object_lists "${2:-$count}"
  rm -rf "$work/run-agent"
  (cd "$work" && KVFLEX_RUN_DIR="$work/run-agent" KVFLEX_HOSTS_FILE="$work/hosts" exec "$plugin/kv" agent) \
    >"$work/agent.out" 2>&1 &
  apid=$!
  j=0
  until grep -qx ready "$work/agent.out" 2>/dev/null; do
    j=$((j + 1)); [ "$j" -lt 240 ] || { echo "kv agent did not start"; return; }
    sleep 0.25
  done
  oom_before=$(grep -c OutOfMemory "$KVFLEX_LOG_FILE" 2>/dev/null || true)
  if [ "${3:-}" = warm ]; then
    mkdir -p "$vols/a-0"
    KVFLEX_RUN_DIR="$work/run-agent" KVFLEX_HOSTS_FILE="$work/hosts" \
      "$plugin/kv" mount "$vols/a-0" "$(options)" >/dev/null 2>&1 || true
    umount "$vols/a-0" 2>/dev/null || true
    rm -rf "$vols/a-0"
  fi
  rm -f "$work"/a-*.out
  t0=$(now_ms)
  c=1 pids=
  while [ "$c" -le "$n" ]; do
    mkdir -p "$vols/a-$c"
    KVFLEX_RUN_DIR="$work/run-agent" KVFLEX_HOSTS_FILE="$work/hosts" \
      "$plugin/kv" mount "$vols/a-$c" "$(options)" >"$work/a-$c.out" 2>&1 &
    pids="$pids $!"
    c=$((c + 1))
  done
  for p in $pids; do wait "$p" || true; done
  t1=$(now_ms)
  other=$(grep -h -v -e '"Success"' -e 'ran out of memory' "$work"/a-*.out 2>/dev/null |
    sed -n 's/.*"message":"\([^"]*\)".*/\1/p' | cut -c1-400 | sort | uniq -c | head -2 | tr -s ' \n' ' ')
  ok=0 oom=0 c=1
  while [ "$c" -le "$n" ]; do
    grep -q '"Success"' "$work/a-$c.out" && ok=$((ok + 1))
    grep -q 'ran out of memory' "$work/a-$c.out" && oom=$((oom + 1))
    umount "$vols/a-$c" 2>/dev/null || true
    rm -rf "$vols/a-$c"
    c=$((c + 1))
  done
  if kill -0 "$apid" 2>/dev/null; then
    state="the agent lives on, peak resident $(awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$apid/status") MiB"
    kill "$apid"
    wait "$apid" 2>/dev/null || true
  else
    wait "$apid" 2>/dev/null || true
    oom=$(($(grep -c OutOfMemory "$KVFLEX_LOG_FILE" 2>/dev/null || true) - oom_before))
    state="the agent exited ($oom out-of-memory lines in the driver log); the other calls answered: $(sed -n 's/.*"message":"\([^"]*\)".*/\1/p' "$work"/a-*.out | sort | uniq -c | head -3 | tr -s ' \n' ' ')"
  fi
  apid=
  object_lists
  echo "$ok of $n succeeded, $oom answered the out-of-memory message, all answered in $((t1 - t0)) ms${other:+ (others: $other)}; $state"
}

out=$root/bench/results/heap-50-objects.txt
mkdir -p "$root/bench/results"
{
  echo "# heap-50-objects: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# one kv mount of $count secrets; the driver JVM with the launcher's flags; localvault in-process on loopback"
  if [ -z "${AGENT_ONLY:-}" ]; then
  serve 25000
  echo "50 x 25 KB (Key Vault's largest secret):"
  echo "  smallest -Xmx that mounts: $(smallest)"
  fi
  serve 250000
  echo "50 x 250 KB (answers just under the 256 KiB response cap):"
  if [ -z "${AGENT_ONLY:-}" ]; then
  echo "  smallest -Xmx that mounts: $(smallest)"
  case $(mount_with "$launcher_xmx") in
    *'"Success"'*) echo "  launcher -Xmx$launcher_xmx: Success, peak in use $(peak_mib) MiB" ;;
    *) echo "  launcher -Xmx$launcher_xmx: FAILED: $(mount_with "$launcher_xmx")" ;;
  esac
  # Wall time, default heap (baseline) and launcher heap (candidate) alternated.
  base=
  cand=
  i=1
  while [ "$i" -le "$runs" ]; do
    t0=$(now_ms); mount_with default >/dev/null; t1=$(now_ms)
    base="$base $((t1 - t0))"
    t0=$(now_ms); mount_with "$launcher_xmx" >/dev/null; t1=$(now_ms)
    cand="$cand $((t1 - t0))"
    i=$((i + 1))
  done
  median() { echo $* | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  mb=$(median $base)
  mc=$(median $cand)
  echo "  wall time, $runs runs alternated: default heap median $mb ms, -Xmx$launcher_xmx median $mc ms, ratio $(awk "BEGIN {printf \"%.2f\", $mc / $mb}")"
  fi
  echo "  node agent -Xmx$agent_heap, 8 such mounts at once: $(agent_burst)"
  serve 25000
  echo "50 x 25 KB, node agent -Xmx$agent_heap, 8 such mounts at once: $(agent_burst)"
  echo "10 x 25 KB, node agent -Xmx$agent_heap, 40 such mounts at once (after one): $(agent_burst 40 10 warm)"
  stop_serve
} | tee "$out"
