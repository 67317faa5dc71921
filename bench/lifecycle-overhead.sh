#!/bin/sh
# What the complete-or-absent lifecycle costs a mount: the volume lock, the staging tmpfs, the bind
# and the staging unmount, against a baseline build that mounted the tmpfs at the target directly.
# Alternates baseline and candidate in one run (same localvault, same objects), as root (real tmpfs):
#   BASELINE=<plugin folder of the baseline build> bench/lifecycle-overhead.sh
# e.g. a baseline from main: git archive main | tar -x -C /tmp/base && (cd /tmp/base &&
#   mvn -B -q -pl driver -am package -DskipTests); BASELINE=/tmp/base/driver/target/plugin/azure~kv
# Candidate: this tree's driver/target/plugin/azure~kv (mvn -B package -DskipTests first).
# RUNS=<n> pairs (default 10). Writes bench/results/lifecycle-overhead.txt.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-10}
cand=$root/driver/target/plugin/azure~kv/kv
base=${BASELINE:?set BASELINE to the plugin folder of the baseline build}/kv
[ -x "$cand" ] && [ -x "$base" ] || { echo "build both first (see the header)" >&2; exit 2; }
work=$(mktemp -d /tmp/kvflex-bench.XXXXXX)
lv_pid=
cleanup() {
  [ -n "$lv_pid" ] && kill "$lv_pid" 2>/dev/null || true
  for d in "${vols:-$work}"/* "$work"/run/staging/*; do
    [ -d "$d" ] && umount "$d" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
export KVFLEX_LOG_FILE="$work/kv-driver.log"

. "$root/bench/localvault.sh"
start_localvault "$root" "$work"
driver_volumes "$work"
opts=$(mount_options "db-password;blob-base64;rsa-key;ec-key;web-pfx;api-pem" "secret;secret;key;key;cert;secret")

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# one <kv> <volume>: mount then unmount; appends "mount_ms unmount_ms" to $work/<volume>.times
one() {
  mkdir -p "$vols/$2"
  t0=$(now_ms); out=$("$1" mount "$vols/$2" "$opts"); t1=$(now_ms)
  case $out in *'"Success"'*) ;; *) echo "mount failed: $out" >&2; exit 1 ;; esac
  out=$("$1" unmount "$vols/$2"); t2=$(now_ms)
  case $out in *'"Success"'*) ;; *) echo "unmount failed: $out" >&2; exit 1 ;; esac
  echo "$((t1 - t0)) $((t2 - t1))" >>"$work/$2.times"
}
median() { # column $1 of file $2
  cut -d' ' -f"$1" "$2" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
one "$base" warm; one "$cand" warm   # first runs fill the page cache for both
i=1
while [ "$i" -le "$runs" ]; do
  one "$base" baseline
  one "$cand" candidate
  i=$((i + 1))
done
bm=$(median 1 "$work/baseline.times"); cm=$(median 1 "$work/candidate.times")
bu=$(median 2 "$work/baseline.times"); cu=$(median 2 "$work/candidate.times")
out=$root/bench/results/lifecycle-overhead.txt
mkdir -p "$root/bench/results"
{
  echo "# lifecycle-overhead: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $runs alternated pairs; kv mount of 6 objects, then kv unmount; wall time of the launcher; medians"
  echo "mount:   baseline $bm ms, candidate $cm ms, ratio $(awk "BEGIN {printf \"%.2f\", $cm / $bm}")"
  echo "unmount: baseline $bu ms, candidate $cu ms, ratio $(awk "BEGIN {printf \"%.2f\", $cu / $bu}")"
} | tee "$out"
