#!/bin/sh
# Measures what the kubelet waits for on each call of the built driver (driver/target/plugin/azure~kv/kv):
#   1. `kv init`: JVM start + the smallest verb (no Azure classes loaded);
#   2. `kv mount` of 1 and of 6 objects against a local localvault over HTTPS (needs root: real tmpfs);
#   3. both again with the AppCDS archive `mvn package` makes (lib/kv.jsa, picked up by the
#      launcher when present; moved aside for the runs without it and put back at the end).
# Prints the figures and writes them to bench/results/driver-startup.txt.
# Needs `mvn -B package -DskipTests` (driver and localvault) first. RUNS=<n> sets the repetitions.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
kv=$root/driver/target/plugin/azure~kv/kv
lib=$root/driver/target/plugin/azure~kv/lib
[ -x "$kv" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
work=$(mktemp -d /tmp/kvflex-bench.XXXXXX)
lv_pid=
cleanup() {
  [ -n "$lv_pid" ] && kill "$lv_pid" 2>/dev/null || true
  for d in "${vols:-$work}"/vol* "$work"/run/staging/*; do
    [ -d "$d" ] && umount "$d" 2>/dev/null || true
  done
  if [ -f "$work/kv.jsa" ]; then mv -f "$work/kv.jsa" "$lib/kv.jsa"; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export KVFLEX_LOG_FILE="$work/kv-driver.log"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Runs "$@" $runs times; prints "min median max" in ms. Fails if kv does not answer Success.
timed() {
  times=
  i=1
  while [ "$i" -le "$runs" ]; do
    t0=$(now_ms)
    out=$("$@")
    t1=$(now_ms)
    case $out in *'"Success"'*) ;; *) echo "unexpected answer: $out" >&2; exit 1 ;; esac
    times="$times $((t1 - t0))"
    after_run
    i=$((i + 1))
  done
  echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms", a[1], a[int((NR+1)/2)], a[NR]}'
}
after_run() { :; }

# localvault with the black-box tests' seed (bench runs write no crash reports into the repo).
cd "$work"
. "$root/bench/localvault.sh"
start_localvault "$root" "$work"
options() { mount_options "$@"; } # $1 names, $2 types
driver_volumes "$work"
one=$(options db-password secret)
six=$(options "db-password;blob-base64;rsa-key;ec-key;web-pfx;api-pem" "secret;secret;key;key;cert;secret")
mkdir -p "$vols/vol1" "$vols/vol6"
unmount_vol() { "$kv" unmount "$vols/$1" >/dev/null; mkdir -p "$vols/$1"; }

# Median in-JVM duration (mount.start to mount.done, from the driver log) since line $1 of the log.
in_jvm() {
  tail -n +"$1" "$KVFLEX_LOG_FILE" | sed -n 's/.*event=mount.done .*duration_ms=\([0-9]*\).*/\1/p' | sort -n |
    awk '{a[NR]=$1} END {if (NR) printf "median %d ms in the JVM (parse, token, fetch, render, mount, write)", a[int((NR+1)/2)]}'
}
log_lines() { if [ -f "$KVFLEX_LOG_FILE" ]; then wc -l <"$KVFLEX_LOG_FILE"; else echo 0; fi; }

measure() { # $1 label
  echo "$1"
  after_run() { :; }
  echo "  kv init:             $(timed "$kv" init)"
  after_run() { unmount_vol vol1; }
  from=$(($(log_lines) + 1))
  echo "  kv mount, 1 object:  $(timed "$kv" mount "$vols/vol1" "$one"); $(in_jvm "$from")"
  after_run() { unmount_vol vol6; }
  from=$(($(log_lines) + 1))
  echo "  kv mount, 6 objects: $(timed "$kv" mount "$vols/vol6" "$six"); $(in_jvm "$from")"
  after_run() { :; }
}

out=$root/bench/results/driver-startup.txt
mkdir -p "$root/bench/results"
{
  echo "# driver-startup: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $runs runs each; wall time of the launcher (JVM start included); localvault on loopback"
  [ -f "$lib/kv.jsa" ] || { echo "no lib/kv.jsa: build without -Dkvflex.cds.skip" >&2; exit 2; }
  mv "$lib/kv.jsa" "$work/kv.jsa"
  measure "without AppCDS archive:"
  mv "$work/kv.jsa" "$lib/kv.jsa"
  echo "  (archive lib/kv.jsa: $(du -k "$lib/kv.jsa" | cut -f1) KiB, made at package time from training mounts)"
  measure "with AppCDS archive (lib/kv.jsa):"
} | tee "$out"
