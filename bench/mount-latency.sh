#!/bin/sh
# What a mount costs the node, against the legacy driver's way done natively, with a vault that is
# 20 ms away: localvault with 20 ms injected latency on every vault and token request, seeded with
# 50 secrets. Each round runs every scenario once for 10 and for 50 objects, ALTERNATING (the order
# rotates from round to round), so that the load of this shared machine hits all of them alike:
#   native  bench/mount-native.sh: POSIX sh + curl, one token, sequential GETs, a file written
#           after each (the legacy helper's loop); a tmpfs mounted at the target first
#   cold    `kv mount` of the built launcher (driver/target/plugin/azure~kv), a new JVM (no agent)
#   warm    the same `kv mount` with the node agent running (`kv agent` of the same plugin folder,
#           started once, untimed; docs/agent.md): the launcher hands the call to the agent. The
#           launcher's tree is measured as above; the agent's CPU time for the call is reported
#           beside it. After the rounds: CONCURRENT (40) warm mounts of 10 objects at once, all
#           checked, CONCURRENT_RUNS (3) times, and the agent's resident and peak memory
# Figures per scenario: median wall time, median CPU time (user + system of the whole process
# tree), median peak memory of the launcher's process tree (bench/treestat.py: cgroup v1 here, so
# the tree's VmRSS is sampled every 2 ms; the largest single process's exact peak RSS is reported
# beside it). Ratios are scenario / native of the same size. The load average is recorded with
# every run.
#
#   bench/mount-latency.sh                     # RUNS=9 rounds; needs root (tmpfs), curl, python3
#   RUNS=15 SIZES="10" bench/mount-latency.sh  # more rounds, only 10 objects
#   SCENARIOS="native cold" ...                # which scenarios (default: all defined)
#   PLUGIN=<azure~kv dir> ...                  # another built plugin folder as "cold"
#   WARM_VARIANTS="p4=<dir> ..."               # more warm scenarios, each another plugin folder's
#                                              # agent (bench/warm-path.sh compares techniques)
#   COLD_VARIANTS="cds=<dir> x=<dir>" ...      # more cold scenarios, each another plugin folder
#                                              # (bench/cold-path.sh compares techniques this way);
#                                              # a variant's bench-setup.sh, if any, runs once when
#                                              # localvault is up: bench-setup.sh <dir> <options json>
# Needs `mvn -B -o package -pl driver -am -DskipTests` first. Writes bench/results/mount-latency.txt
# (OUT=<file> to write elsewhere).
#
# Adding a scenario X (as "warm" does): define X_run <n> <dir>, one mount
# of the first n secrets into dir whose measured command runs under `timed` and prints the driver's
# answer; X_cleanup <dir> (after each run, untimed); optionally X_setup / X_teardown (once,
# untimed); then add X to all_scenarios.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-9}
sizes=${SIZES:-10 50}
latency_ms=20
plugin=${PLUGIN:-$root/driver/target/plugin/azure~kv}
kv=$plugin/kv
out=${OUT:-$root/bench/results/mount-latency.txt}
all_scenarios="native cold warm"
scenarios=${SCENARIOS:-$all_scenarios}

[ "$(id -u)" = 0 ] || { echo "needs root (it mounts tmpfs)" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl for the native baseline (apt-get install curl)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "needs python3 (bench/treestat.py)" >&2; exit 2; }
[ -x "$kv" ] || { echo "build first: mvn -B -o package -pl driver -am -DskipTests" >&2; exit 2; }
[ -d "$root/localvault/target/classes" ] || { echo "build localvault first (same mvn command)" >&2; exit 2; }

work=$(mktemp -d /tmp/kvflex-mount-latency.XXXXXX)
chmod 700 "$work"
lv_pid=
teardown_all() { :; }
cleanup() {
  teardown_all || true
  [ -n "$lv_pid" ] && kill "$lv_pid" 2>/dev/null || true
  for d in "${vols:-$work}"/vol-* "$work"/run/staging/* "$work"/run-*/staging/*; do
    if [ -d "$d" ]; then umount "$d" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export KVFLEX_LOG_FILE="$work/kv-driver.log"

# --- localvault: 50 secrets, 20 ms on every vault and token request --------------------------------
tenant_id=5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b
client_id=1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
client_secret=bench-client-secret-not-a-real-one
value_of() { printf 'value-of-%s-0123456789abcdef' "$1"; }
name_of() { printf 'bench-%02d' "$1"; }
{
  printf 'tenants:\n  - id: %s\n    name: bench\n' "$tenant_id"
  printf 'servicePrincipals:\n  - name: bench-app\n    clientId: %s\n    clientSecret: %s\n' "$client_id" "$client_secret"
  printf 'vaults:\n  - name: bench-kv\n    access:\n      - identity: bench-app\n        secrets: [get]\n    secrets:\n'
  i=1
  while [ "$i" -le 50 ]; do
    printf '      - name: %s\n        value: %s\n' "$(name_of "$i")" "$(value_of "$(name_of "$i")")"
    i=$((i + 1))
  done
  printf 'faults:\n  latencyMs: %d\n  tokenLatencyMs: %d\n' "$latency_ms" "$latency_ms"
} >"$work/seed.yaml"

. "$root/bench/localvault.sh"
start_localvault "$root" "$work" "$work/seed.yaml"
driver_volumes "$work" # kubelet-shaped volume dirs in $vols, a private KVFLEX_RUN_DIR

names() { # <n>: "bench-01;bench-02;..."
  i=1 list=
  while [ "$i" -le "$1" ]; do list="$list${list:+;}$(name_of "$i")"; i=$((i + 1)); done
  printf '%s' "$list"
}
repeat() { # <n> <word>: "word;word;..."
  i=1 list=
  while [ "$i" -le "$1" ]; do list="$list${list:+;}$2"; i=$((i + 1)); done
  printf '%s' "$list"
}
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }
kv_options() { # <n>: the kubelet's options JSON for a mount of the first n secrets
  printf '{"kubernetes.io/pod.uid":"bench","kubernetes.io/secret/clientid":"%s","kubernetes.io/secret/clientsecret":"%s","keyvaultname":"bench-kv","tenantid":"%s","cloudname":"AzureStackCloud","cloudenvfilename":"%s","keyvaultobjectnames":"%s","keyvaultobjecttypes":"%s"}' \
    "$(b64 "$client_id")" "$(b64 "$client_secret")" "$tenant_id" "$work/env.json" "$(names "$1")" "$(repeat "$1" secret)"
}

# Every file of a mount of n objects holds its value (a wrong or partial mount is not a result).
check_volume() { # <n> <dir>
  i=1
  while [ "$i" -le "$1" ]; do
    name=$(name_of "$i")
    [ "$(cat "$2/$name" 2>/dev/null)" = "$(value_of "$name")" ] || { echo "$2/$name is wrong or missing" >&2; exit 1; }
    i=$((i + 1))
  done
}

# --- scenarios ---------------------------------------------------------------------------------
native_setup() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kvflex"]["caCertificates"], end="")' \
    "$work/env.json" >"$work/ca.pem"
  (umask 077 && printf 'grant_type=client_credentials&client_id=%s&client_secret=%s&resource=https%%3A%%2F%%2Fvault.localvault.test' \
    "$client_id" "$client_secret" >"$work/token-form")
  export NATIVE_TOKEN_URL="https://login.localvault.test:$https_port/$tenant_id/oauth2/token"
  export NATIVE_FORM="$work/token-form"
  export NATIVE_VAULT_URL="https://bench-kv.vault.localvault.test:$https_port"
  export NATIVE_CA="$work/ca.pem"
  export NATIVE_RESOLVE="login.localvault.test:$https_port:127.0.0.1 bench-kv.vault.localvault.test:$https_port:127.0.0.1"
  export NATIVE_TMP="$work"
}
native_run() { # <n> <dir>
  timed sh "$root/bench/mount-native.sh" "$2" "$(names "$1")"
}
native_cleanup() { umount "$1"; }

cold_run() { timed "$kv" mount "$2" "$(kv_options "$1")"; }
cold_cleanup() { "$kv" unmount "$1" >/dev/null; }

# warm: the same launcher with the node agent running (`kv agent` of the same plugin folder, with
# a run directory of its own; the cold scenarios' run directory has no agent). treestat measures the
# launcher's tree as for cold; the agent's CPU time for the call is read from /proc before and after
# (it is idle otherwise) and reported beside it. WARM_VARIANTS="name=<plugin dir> ..." adds one
# warm scenario per other build (bench/warm-path.sh builds the ones it compares).
agent_scenario() { # <name> <plugin dir>: defines <name>_setup/_run/_cleanup/_teardown
  eval "$1_setup() { start_agent '$1' '$2/kv'; }"
  eval "$1_run() { warm_mount '$1' '$2/kv' \"\$1\" \"\$2\"; }"
  eval "$1_cleanup() { KVFLEX_RUN_DIR='$work/run-$1' '$2/kv' unmount \"\$1\" >/dev/null; }"
  eval "$1_teardown() { stop_agent '$1'; }"
}
start_agent() { # <name> <kv>
  (cd "$work" && KVFLEX_RUN_DIR="$work/run-$1" KVFLEX_LOG_FILE="$work/agent-$1.log" exec "$2" agent) \
    >"$work/agent-$1.out" 2>&1 &
  eval "agent_pid_$1=\$!"
  j=0
  until grep -qx ready "$work/agent-$1.out" 2>/dev/null; do
    j=$((j + 1))
    [ "$j" -lt 240 ] || { echo "kv agent ($1) did not start" >&2; cat "$work/agent-$1.out" >&2; exit 1; }
    sleep 0.5
  done
}
stop_agent() { # <name>
  eval "p=\${agent_pid_$1:-}"
  if [ -n "$p" ]; then kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; fi
  eval "agent_pid_$1="
}
agent_cpu_ms() { # <pid>: user + system time so far
  awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"
}
warm_mount() { # <name> <kv> <n> <dir>
  eval "p=\$agent_pid_$1"
  before=$(agent_cpu_ms "$p")
  KVFLEX_RUN_DIR="$work/run-$1"
  timed "$2" mount "$4" "$(kv_options "$3")"
  KVFLEX_RUN_DIR="$work/run"
  echo "agent_cpu_ms=$(($(agent_cpu_ms "$p") - before))" >>"$work/stat.extra"
}
agent_scenario warm "$plugin"
for variant in ${WARM_VARIANTS:-}; do
  v_name=${variant%%=*} v_dir=${variant#*=}
  case $v_name in *[!a-z0-9_]* | '') echo "WARM_VARIANTS: bad name '$v_name' (a-z, 0-9, _)" >&2; exit 2 ;; esac
  [ -x "$v_dir/kv" ] || { echo "WARM_VARIANTS: no $v_dir/kv" >&2; exit 2; }
  agent_scenario "$v_name" "$v_dir"
  case " $scenarios " in *" $v_name "*) ;; *) scenarios="$scenarios $v_name" ;; esac
done

# COLD_VARIANTS: one more cold scenario per name=dir, named after it.
for variant in ${COLD_VARIANTS:-}; do
  v_name=${variant%%=*} v_dir=${variant#*=}
  case $v_name in *[!a-z0-9_]* | '') echo "COLD_VARIANTS: bad name '$v_name' (a-z, 0-9, _)" >&2; exit 2 ;; esac
  [ -x "$v_dir/kv" ] || { echo "COLD_VARIANTS: no $v_dir/kv" >&2; exit 2; }
  eval "${v_name}_run() { timed '$v_dir/kv' mount \"\$2\" \"\$(kv_options \"\$1\")\"; }"
  eval "${v_name}_cleanup() { '$v_dir/kv' unmount \"\$1\" >/dev/null; }"
  if [ -f "$v_dir/bench-setup.sh" ]; then
    eval "${v_name}_setup() { mkdir -p \"\$vols/setup-$v_name\"; sh '$v_dir/bench-setup.sh' \"\$vols/setup-$v_name\" \"\$(kv_options 10)\"; }"
  fi
  case " $scenarios " in *" $v_name "*) ;; *) scenarios="$scenarios $v_name" ;; esac
done

# --- measuring ---------------------------------------------------------------------------------
raw=$work/raw.txt
: >"$raw"
load1() { cut -d' ' -f1 /proc/loadavg; }
# Runs one measured command: its stdout passes through, treestat's figures go to $work/stat.
timed() { python3 "$root/bench/treestat.py" -- "$@" 2>"$work/stat" </dev/null; }

# One timed run of scenario $1 with $2 objects, recorded in $raw.
measure() { # <scenario> <n> <round>
  dir=$vols/vol-$1-$2
  mkdir -p "$dir"
  load=$(load1)
  : >"$work/stat.extra"
  answer=$("$1_run" "$2" "$dir") || true
  stat="$(grep '^treestat ' "$work/stat" | tail -1) $(cat "$work/stat.extra")"
  case $answer in *'"Success"'*) ;; *) echo "$1 $2: unexpected answer: $answer $(cat "$work/stat")" >&2; exit 1 ;; esac
  check_volume "$2" "$dir"
  "$1_cleanup" "$dir"
  echo "$1 $2 $3 $stat load=$load" >>"$raw"
}

for s in $scenarios; do
  if type "${s}_setup" >/dev/null 2>&1; then "${s}_setup"; fi
done
teardown_all() {
  for s in $scenarios; do
    if type "${s}_teardown" >/dev/null 2>&1; then "${s}_teardown" || true; fi
  done
}

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# A first, unrecorded round warms the page cache and localvault's own JIT for every scenario.
for n in $sizes; do for s in $scenarios; do measure "$s" "$n" 0; done; done
: >"$raw"
round=1
while [ "$round" -le "$runs" ]; do
  for n in $sizes; do
    # Rotate the order: round r starts with the (r mod count)-th scenario.
    set -- $scenarios
    shift_by=$(((round - 1) % $#))
    while [ "$shift_by" -gt 0 ]; do first=$1; shift; set -- "$@" "$first"; shift_by=$((shift_by - 1)); done
    for s in "$@"; do measure "$s" "$n" "$round"; done
  done
  echo "round $round/$runs done (load $(load1))" >&2
  round=$((round + 1))
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- warm: many mounts at once, and the agent's memory ------------------------------------------
# CONCURRENT (default 40) pods on this node mount 10 objects each at the same moment, through the
# agent; every mount must succeed with every file right. Wall time from the first launch to the
# last answer, over CONCURRENT_RUNS (default 3) batches. Then the agent's resident memory once it
# served everything above (steady) and its peak (VmHWM).
concurrent=${CONCURRENT:-40}
concurrent_runs=${CONCURRENT_RUNS:-3}
batch_raw=$work/batch.txt
: >"$batch_raw"
agent_pid=${agent_pid_warm:-}
if [ -n "$agent_pid" ]; then
  options10=$(kv_options 10)
  b=1
  while [ "$b" -le "$concurrent_runs" ]; do
    # (c, not i: check_volume and names use i)
    c=1 pids=
    while [ "$c" -le "$concurrent" ]; do mkdir -p "$vols/vol-c-$c"; c=$((c + 1)); done
    load=$(load1)
    start_ns=$(date +%s%N)
    c=1
    while [ "$c" -le "$concurrent" ]; do
      KVFLEX_RUN_DIR="$work/run-warm" "$kv" mount "$vols/vol-c-$c" "$options10" >"$work/c-$c.out" &
      pids="$pids $!"
      c=$((c + 1))
    done
    for p in $pids; do wait "$p" || true; done
    end_ns=$(date +%s%N)
    c=1 ok=0
    while [ "$c" -le "$concurrent" ]; do
      case $(cat "$work/c-$c.out") in *'"Success"'*) check_volume 10 "$vols/vol-c-$c" && ok=$((ok + 1)) ;; esac
      KVFLEX_RUN_DIR="$work/run-warm" "$kv" unmount "$vols/vol-c-$c" >/dev/null
      c=$((c + 1))
    done
    echo "concurrent $concurrent $b wall_ms=$(((end_ns - start_ns) / 1000000)) succeeded=$ok load=$load" >>"$batch_raw"
    echo "batch $b/$concurrent_runs: $ok of $concurrent mounts succeeded (load $(load1))" >&2
    b=$((b + 1))
  done
  agent_rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$agent_pid/status")
  agent_hwm_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$agent_pid/status")
fi

# --- report --------------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; } # reads the raw lines on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print 0}'; }
stat_of() { # <scenario> <n> <field>: median over the rounds
  awk -v s="$1" -v n="$2" '$1==s && $2==n' "$raw" | field "$3" | median
}
java_used() {
  if [ -x "$plugin/runtime/bin/java" ]; then echo "$plugin/runtime/bin/java"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"
  else command -v java; fi
}
mkdir -p "$(dirname "$out")"
{
  echo "# mount-latency: $started; $runs rounds; localvault with ${latency_ms} ms on every vault and token request"
  echo "# machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(free -m | awk '/^Mem:/ {print $2}') MiB, kernel $(uname -r)"
  echo "# JDK: $(java_used): $("$(java_used)" -version 2>&1 | sed -n 2p)"
  echo "# curl: $(curl --version | head -1 | cut -d' ' -f1-2); plugin: $plugin (archive lib/kv.jsa: $([ -f "$plugin/lib/kv.jsa" ] && echo yes || echo no))"
  echo "# load average (1/5/15 min): start $load_start, end $load_end; per run in the raw lines"
  echo "# memory: peak of the summed VmRSS of the launcher's process tree, sampled every 2 ms (no cgroup v2"
  echo "#   memory controller here), and the exact peak RSS of the largest single process"
  echo "#"
  printf '%-10s %4s  %9s %9s %11s %11s  %6s %6s %6s\n' scenario n wall_ms cpu_ms tree_peak_MiB max_proc_MiB wall_x cpu_x mem_x
  for n in $sizes; do
    bw=$(stat_of native "$n" wall_ms) bc=$(stat_of native "$n" cpu_ms) bm=$(stat_of native "$n" tree_peak_kib)
    for s in $scenarios; do
      w=$(stat_of "$s" "$n" wall_ms) c=$(stat_of "$s" "$n" cpu_ms) m=$(stat_of "$s" "$n" tree_peak_kib)
      p=$(stat_of "$s" "$n" max_proc_kib)
      awk -v s="$s" -v n="$n" -v w="$w" -v c="$c" -v m="$m" -v p="$p" -v bw="$bw" -v bc="$bc" -v bm="$bm" 'BEGIN {
        printf "%-10s %4d  %9d %9d %11.1f %11.1f  %6.2f %6.2f %6.2f\n", s, n, w, c, m / 1024, p / 1024,
          (bw ? w / bw : 0), (bc ? c / bc : 0), (bm ? m / bm : 0)
      }'
    done
  done
  echo "#"
  if [ -n "$agent_pid" ]; then
    echo "# agents: the launcher's tree is in the table; the agent's own CPU time per mount (median):"
    for s in $scenarios; do
      for n in $sizes; do
        grep -q "^$s $n .*agent_cpu_ms=" "$raw" || continue
        a=$(stat_of "$s" "$n" agent_cpu_ms) c=$(stat_of "$s" "$n" cpu_ms) bc=$(stat_of native "$n" cpu_ms)
        awk -v s="$s" -v n="$n" -v a="$a" -v c="$c" -v bc="$bc" 'BEGIN {
          printf "#   %-10s %4d objects: agent %d ms + launcher %d ms CPU = %.2fx native CPU\n", s, n, a, c, (bc ? (a + c) / bc : 0) }'
      done
    done
    bw=$(field wall_ms <"$batch_raw" | median)
    worst=$(field wall_ms <"$batch_raw" | sort -n | tail -1)
    all_ok=$(awk -v c="$concurrent" '{ split($5, s, "="); if (s[2] != c) bad++ } END { print bad ? "NOT all" : "all" }' "$batch_raw")
    echo "# warm, $concurrent concurrent mounts of 10 objects: $all_ok succeeded; median wall ${bw} ms, slowest ${worst} ms ($concurrent_runs batches)"
    echo "# agent memory after all of the above: resident $((agent_rss_kib / 1024)) MiB, peak $((agent_hwm_kib / 1024)) MiB (VmRSS, VmHWM)"
    echo "#"
  fi
  echo "# raw: scenario objects round wall_ms cpu_ms tree_peak_kib max_proc_kib exit load(1 min)"
  sed 's/treestat //; s/ cgroup=[01]//' "$raw" | sed 's/^/# /'
  sed 's/^/# /' "$batch_raw"
} | tee "$out"
