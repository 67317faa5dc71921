#!/bin/sh
# What kvctl's exit costs after its work: `kvctl fetch` of three objects from localvault (no
# latency injected), the built kvctl (whose Main ends the JDK HTTP clients' selector threads before
# System.exit, engine.HttpSelectors) against the same jars started through a main that only calls
# KvctlCommand.run and System.exit (kvctl's Main before), alternated. Reports the median wall time
# of each and, from one `strace -f` run of each, the time between kvctl's last write to stdout and
# exit_group (the JVM's exit waits up to 300 ms for a thread in epoll_wait).
#
#   bench/kvctl-exit.sh            # RUNS=9 rounds; needs java, javac, strace, python3
# Needs `mvn -B -o package -pl kvctl-cli -am -DskipTests` first. Writes bench/results/kvctl-exit.txt
# (OUT=<file> to write elsewhere).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-9}
out=${OUT:-$root/bench/results/kvctl-exit.txt}
jar=$root/kvctl-cli/target/kvctl.jar
[ -f "$jar" ] || { echo "build first: mvn -B -o package -pl kvctl-cli -am -DskipTests" >&2; exit 2; }
command -v strace >/dev/null || { echo "needs strace (apt-get install strace)" >&2; exit 2; }

work=$(mktemp -d /tmp/kvflex-kvctl-exit.XXXXXX)
lv_pid=
cleanup() {
  [ -n "$lv_pid" ] && kill "$lv_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

. "$root/bench/localvault.sh"
start_localvault "$root" "$work"

# The black-box tests' seed: vault kvflex-it, service principal it-app.
cat >"$work/pod.yaml" <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: bench
spec:
  containers:
    - name: c
      image: busybox
      volumeMounts:
        - name: kv
          mountPath: /kvmnt
  volumes:
    - name: kv
      flexVolume:
        driver: azure/kv
        secretRef:
          name: kvcreds
        options:
          keyvaultname: kvflex-it
          tenantid: $tenant
          keyvaultobjectnames: "db-password;blob-base64;rsa-key"
          keyvaultobjecttypes: "secret;secret;key"
EOF
cat >"$work/secret.yaml" <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: kvcreds
type: azure/kv
data:
  clientid: $(lv_b64 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d)
  clientsecret: $(lv_b64 SENTINEL-client-secret-9d8c7b)
EOF

# The baseline: kvctl's Main as it was (run the command, exit).
mkdir -p "$work/before"
cat >"$work/before/BeforeMain.java" <<'EOF'
public final class BeforeMain {
  public static void main(String[] args) {
    System.exit(io.kvflex.kvctl.KvctlCommand.run(io.kvflex.kvctl.cli.CliContext.system(), args));
  }
}
EOF
javac -d "$work/before" -cp "$jar" "$work/before/BeforeMain.java"

main_of() { case $1 in before) echo BeforeMain ;; kvctl) echo io.kvflex.kvctl.Main ;; esac; }
fetch() { # <variant> [strace output]: one kvctl fetch, the JVM flags of ./kvctl
  set -- "$1" "${2:-}"
  cmd="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djdk.net.hosts.file=$KVFLEX_HOSTS_FILE -cp $jar:$work/before $(main_of "$1") fetch -f $work/pod.yaml -f $work/secret.yaml --cloud-env $work/env.json"
  if [ -n "$2" ]; then
    # shellcheck disable=SC2086
    strace -f -tt -e trace=write,exit_group -e signal=none -o "$2" $cmd >/dev/null
  else
    # shellcheck disable=SC2086
    $cmd >/dev/null
  fi
}
ms() { echo $(($(date +%s%N) / 1000000)); }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
fetch before
fetch kvctl # warm the page cache
raw=$work/raw
: >"$raw"
r=1
while [ "$r" -le "$runs" ]; do
  if [ $((r % 2)) -eq 1 ]; then order="before kvctl"; else order="kvctl before"; fi
  for v in $order; do
    s=$(ms)
    fetch "$v"
    echo "$v $r wall_ms=$(($(ms) - s)) load=$(cut -d' ' -f1 /proc/loadavg)" >>"$raw"
  done
  r=$((r + 1))
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
gap() { # <strace file>: ms from the last write to fd 1 to exit_group
  python3 - "$1" <<'PY'
import sys
def t(line):
    h, m, s = line.split()[1].split(":")
    return (int(h) * 60 + int(m)) * 60 + float(s)
lines = open(sys.argv[1]).read().splitlines()
last = max(t(l) for l in lines if " write(1," in l)
exit_ = max(t(l) for l in lines if "exit_group(" in l)
print(round((exit_ - last) * 1000))
PY
}
fetch before "$work/st.before"
fetch kvctl "$work/st.kvctl"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() { awk -v v="$1" '$1==v' "$raw" | sed 's/.*wall_ms=\([0-9]*\).*/\1/' | median; }
mkdir -p "$(dirname "$out")"
{
  echo "# kvctl-exit: $(date -u +%Y-%m-%dT%H:%M:%SZ); $runs alternated rounds; kvctl fetch of 3 objects from localvault (no latency injected)"
  echo "#   before  kvctl's classes started through a main that runs the command and calls System.exit"
  echo "#   kvctl   kvctl's Main: engine.HttpSelectors ends the HTTP clients' selector threads first"
  echo "# machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), kernel $(uname -r)"
  echo "# JDK: $(java -version 2>&1 | sed -n 2p)"
  echo "# load average (1/5/15 min): start $load_start, end $load_end"
  echo "#"
  b=$(wall before) k=$(wall kvctl)
  printf '%-8s %8s %6s %22s\n' variant wall_ms wall_x last_output_to_exit_ms
  awk -v b="$b" -v k="$k" -v gb="$(gap "$work/st.before")" -v gk="$(gap "$work/st.kvctl")" 'BEGIN {
    printf "%-8s %8d %6.2f %22d\n", "before", b, 1, gb
    printf "%-8s %8d %6.2f %22d\n", "kvctl", k, k / b, gk
  }'
  echo "#"
  echo "# raw: variant round wall_ms load(1 min)"
  sed 's/^/# /' "$raw"
} | tee "$out"
