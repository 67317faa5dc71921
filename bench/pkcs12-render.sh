#!/bin/sh
# What reading PKCS#12 through BouncyCastle (render.Pkcs12Reader) costs a cold start, measured
# against a baseline build (default: main, which read PKCS#12 with the JDK KeyStore), baseline and
# candidate ALTERNATED run by run so that machine load hits both alike:
#   1. the first rendering in a fresh JVM (bench/Pkcs12RenderBench.java; the launcher's JVM flags,
#      the built plugin's lib/*): a Key Vault-style PFX (3DES, SHA-1 MAC, CSP attributes) and an
#      OpenSSL 3 default PFX as pem, the Key Vault-style one as pfx, and, as a control that reads
#      no PKCS#12, a PEM bundle as pem. Reported: the first rendering's wall and CPU time (in the
#      JVM), the process's CPU time up to the end of it, and the JVM's wall time.
#   2. `kv mount` (the built launcher, real tmpfs: needs root) of localvault's certificate-backed
#      secret web-pfx (application/x-pkcs12) as pem, and of a plain secret as a control: wall time
#      and CPU time (user + system, /usr/bin/time) of the launcher's JVM.
# CPU times hold up on a loaded machine far better than wall times.
# Figures are medians; ratio = candidate / baseline. Writes bench/results/pkcs12-render.txt.
#
#   bench/pkcs12-render.sh                 # baseline = main, built from `git archive` in a temp dir
#   BASE=<git ref> bench/pkcs12-render.sh  # another baseline; BASE_PLUGIN=<built azure~kv dir> skips
#   RUNS=11 bench/pkcs12-render.sh         # runs per side and case (default 7)
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-7}
base_ref=${BASE:-main}
work=$(mktemp -d /tmp/kvflex-pkcs12-bench.XXXXXX)
lv_pid=
cleanup() {
  [ -n "$lv_pid" ] && kill "$lv_pid" 2>/dev/null || true
  for d in "${vols:-$work}"/vol-* "$work"/run/staging/*; do
    [ -d "$d" ] && umount "$d" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- the two builds --------------------------------------------------------------------------------
cand=$root/driver/target/plugin/azure~kv
echo "building the candidate (mvn package -pl driver -am)..." >&2
mvn -B -o -q package -pl driver -am -DskipTests >&2
. "$root/bench/baseline.sh"
baseline_plugin "$root" "$work" "$base_ref"
for side in base cand; do
  eval "plugin=\$$side"
  mkdir -p "$work/$side-classes"
  javac -d "$work/$side-classes" -cp "$plugin/lib/*" bench/Pkcs12RenderBench.java
done

# --- inputs: files of the producer matrix ----------------------------------------------------------
producers=$root/driver/src/test/resources/io/kvflex/render/producers
fixtures=$root/driver/src/test/resources/io/kvflex/render/fixtures
P12=application/x-pkcs12
# name|file|content type|format
cases="keyvault-style-pfx-as-pem|$producers/windows-csp-rsa.p12|$P12|pem
openssl3-default-pfx-as-pem|$producers/openssl3-default-rsa.p12|$P12|pem
keyvault-style-pfx-as-pfx|$producers/windows-csp-rsa.p12|$P12|pfx
control:pem-bundle-as-pem|$fixtures/leaf-rsa.bundle.pem|application/x-pem-file|pem"

results=$work/results.txt
: >"$results"
record() { echo "$1 $2 $3" >>"$results"; } # record <measure> <side> <ms>

# Same JVM flags as the launcher (driver/src/main/plugin/kv), without its AppCDS archive.
jvm() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:-UsePerfData -Xlog:disable "$@"; }

i=1
while [ "$i" -le "$runs" ]; do
  echo "$cases" | while IFS='|' read -r name file type format; do
    for side in base cand; do
      eval "plugin=\$$side"
      t0=$(now_ms)
      out=$(jvm -cp "$work/$side-classes:$plugin/lib/*" Pkcs12RenderBench "$file" "$type" "$format")
      t1=$(now_ms)
      first=$(echo "$out" | sed -n 's/.*first_render_ms=\([0-9.]*\).*/\1/p')
      [ -n "$first" ] || { echo "$side $name failed: $out" >&2; exit 1; }
      record "render-wall:$name" $side "$first"
      record "render-cpu:$name" $side "$(echo "$out" | sed -n 's/.*first_render_cpu_ms=\([0-9.]*\).*/\1/p')"
      record "jvm-cpu-to-first-render:$name" $side "$(echo "$out" | sed -n 's/.*process_cpu_ms=\([0-9.]*\).*/\1/p')"
      record "jvm-wall:$name" $side $((t1 - t0))
    done
  done
  i=$((i + 1))
done

# --- kv mount against localvault (root only: real tmpfs) -------------------------------------------
if [ "$(id -u)" = 0 ]; then
  . "$root/bench/localvault.sh"
  driver_volumes "$work"
  start_localvault "$root" "$work"
  export KVFLEX_LOG_FILE="$work/kv-driver.log"
  options() { mount_options "$1" secret "$2"; } # <name> <format>
  i=1
  while [ "$i" -le "$runs" ]; do
    for mount in "web-pfx pem" "db-password raw"; do
      set -- $mount
      for side in base cand; do
        eval "plugin=\$$side"
        mkdir -p "$vols/vol-$side"
        t0=$(now_ms)
        out=$(/usr/bin/time -f '%U %S' -o "$work/cpu" "$plugin/kv" mount "$vols/vol-$side" "$(options "$1" "$2")")
        t1=$(now_ms)
        case $out in *'"Success"'*) ;; *) echo "$side kv mount $1: $out" >&2; exit 1 ;; esac
        "$plugin/kv" unmount "$vols/vol-$side" >/dev/null
        label=kv-mount:$1-as-$2
        [ "$1" = db-password ] && label=kv-mount:control:$1-as-$2
        record "$label-wall" $side $((t1 - t0))
        record "$label-cpu" $side "$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")"
      done
    done
    i=$((i + 1))
  done
fi

# --- report ----------------------------------------------------------------------------------------
out=$root/bench/results/pkcs12-render.txt
mkdir -p "$root/bench/results"
{
  echo "# pkcs12-render: $(date -u +%Y-%m-%dT%H:%M:%SZ); $(java -version 2>&1 | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# baseline $base_ref ($(git rev-parse --short "$base_ref" 2>/dev/null || echo given)) vs candidate $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo '+changes'); $runs runs per side, alternated; medians in ms; ratio = candidate/baseline"
  printf '%-52s %10s %10s %7s\n' measure baseline candidate ratio
  awk '{ v[$1 " " $2] = v[$1 " " $2] " " $3; m[$1] = 1 }
    function median(list,   a, n, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END { for (k in m) { b = median(v[k " base"]); c = median(v[k " cand"]); printf "%-52s %10.1f %10.1f %7.2f\n", k, b, c, (b > 0 ? c / b : 0) } }' "$results" | sort
} | tee "$out"
