#!/bin/sh
# What each cold-start technique gains, each ALONE against the same baseline, alternated in one run
# of bench/mount-latency.sh (10 objects, 20 ms vault and token latency, native sh+curl as the unit):
#   cold        the baseline build (default: main), as it packages: signed jars, no AppCDS archive
#   unsigned    + the jar signatures removed (no archive)
#   cds_signed  + an AppCDS archive of the training class list, jars still signed (plain classes:
#               HotSpot skips every class of a signed jar, and lambda-proxy entries crash the dump)
#   cds         + jars unsigned and the archive of the whole list (lambda proxies and forms too)
#   cds_cic1    cds, and -XX:CICompilerCount=1
#   cds_xss     cds, and -Xss256k
#   cds_tiered  cds, WITHOUT -XX:TieredStopAtLevel=1 (C1 and C2)
#   cds_cts3    cds, and -XX:CompileThresholdScaling=3 (C1 compiles fewer methods, later)
#   jdk25_aot   cds's jars on JDK 25 (Temurin, if present) with an AOT cache (-XX:AOTCache) trained
#               on one mount of the same 10 objects, instead of the JDK 17 archive
#   branch      this worktree's build (driver/target/plugin/azure~kv) as it packages (the recorded
#               run predates its -XX:CompileThresholdScaling=3, measured alone as cds_cts3)
# Every variant but branch and jdk25_aot runs the baseline's kvflex-driver.jar, so the packaging and
# JVM flags are measured alone; branch adds this branch's start-up trimming on top of cds.
#
#   bench/cold-path.sh                       # BASE=main is built from `git archive` in a temp dir
#   BASE_PLUGIN=<built azure~kv> bench/cold-path.sh
#   RUNS=9 VARIANTS="cold cds branch" bench/cold-path.sh
# Needs root, curl, python3 and `mvn -B -o package -pl driver -am -DskipTests` first. Writes
# bench/results/cold-path.txt.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
cand=$root/driver/target/plugin/azure~kv
variants=${VARIANTS:-cold unsigned cds_signed cds cds_cic1 cds_xss cds_tiered cds_cts3 jdk25_aot branch}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "$cand/lib/kv.jsa" ] && [ -f "$cand/lib/kv.classlist" ] ||
  { echo "build first (with the archive): mvn -B -o package -pl driver -am -DskipTests" >&2; exit 2; }
work=$(mktemp -d /tmp/kvflex-cold-path.XXXXXX)
trap 'rm -rf "$work"' EXIT

. "$root/bench/baseline.sh"
BASE_MVN_ARGS=-Dkvflex.cds.skip=true baseline_plugin "$root" "$work" "${BASE:-main}"
java17=$(command -v java)

# A variant: the baseline folder copied with timestamps (an archive checks them).
variant() { # <name>
  cp -Rp "$base" "$work/$1"
  rm -f "$work/$1/lib/kv.jsa" "$work/$1/lib/classpath" "$work/$1/lib/kv.classlist"
}
# This branch's launcher (relative class path, lib/kv.jsa) and dump script over the baseline's jars.
with_archive_launcher() { # <name>
  cp -p "$cand/kv" "$work/$1/kv"
  # ... without this branch's JIT flag: each variant below adds only its own technique.
  sed -i 's/ -XX:CompileThresholdScaling=3//' "$work/$1/kv"
  cp -p "$cand/lib/dump-archive.sh" "$work/$1/lib/"
  (cd "$work/$1" && ls lib/*.jar | LC_ALL=C sort | tr '\n' ':' | sed 's/:$/\n/' >lib/classpath)
}
unsigned_jars() { # <name>: this branch's unsigned dependency jars, the baseline's driver jar
  for j in "$cand"/lib/*.jar; do
    [ "$(basename "$j")" = kvflex-driver.jar ] || cp -p "$j" "$work/$1/lib/"
  done
}
flag() { # <name> <sed expression on the launcher>
  sed -i "$2" "$work/$1/kv"
}
archive() { # <name> <class list>
  cp "$2" "$work/$1/lib/kv.classlist"
  sh "$work/$1/lib/dump-archive.sh" "$java17" >"$work/$1-dump.out" 2>&1 ||
    { cat "$work/$1-dump.out" >&2; exit 1; }
}

specs=
for v in $variants; do
  case $v in
    cold) specs="$specs cold=$base" ; continue ;;
    branch) specs="$specs branch=$cand" ; continue ;;
  esac
  echo "preparing $v..." >&2
  variant "$v"
  case $v in
    unsigned) unsigned_jars "$v" ;;
    cds_signed)
      with_archive_launcher "$v"
      grep -v '^@' "$cand/lib/kv.classlist" >"$work/plain.classlist"
      archive "$v" "$work/plain.classlist"
      echo "  cds_signed: $(grep -c 'Signed JAR' "$work/$v-dump.out") classes skipped as signed" >&2
      ;;
    cds | cds_cic1 | cds_xss | cds_tiered | cds_cts3)
      unsigned_jars "$v"
      with_archive_launcher "$v"
      case $v in
        cds_cic1) flag "$v" 's/-XX:TieredStopAtLevel=1/-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1/' ;;
        cds_xss) flag "$v" 's/-XX:TieredStopAtLevel=1/-XX:TieredStopAtLevel=1 -Xss256k/' ;;
        cds_tiered) flag "$v" 's/ -XX:TieredStopAtLevel=1//' ;;
        cds_cts3) flag "$v" 's/-XX:TieredStopAtLevel=1/-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3/' ;;
      esac
      archive "$v" "$cand/lib/kv.classlist"
      ;;
    jdk25_aot)
      [ -x "$jdk25/bin/java" ] || { echo "  no JDK 25 at $jdk25: jdk25_aot left out" >&2; continue; }
      unsigned_jars "$v"
      with_archive_launcher "$v"
      flag "$v" "/^# The JVM starts in \\\$DIR (see/i java=$jdk25/bin/java"
      flag "$v" "s| -Xshare:auto||; s|-XX:SharedArchiveFile=lib/kv.jsa|-XX:AOTCache=lib/kv.aot|; s|\\[ -f \"\\\$DIR/lib/kv.jsa\" \\]|[ -f \"\\\$DIR/lib/kv.aot\" ]|"
      # Training: one real mount of the bench's objects (run by mount-latency.sh once localvault is up).
      cat >"$work/$v/bench-setup.sh" <<SETUP
set -eu
cd "$work/$v"
"$jdk25/bin/java" -XX:AOTCacheOutput=lib/kv.aot -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\
  -Djdk.net.hosts.file="\$KVFLEX_HOSTS_FILE" -cp "\$(cat lib/classpath)" io.kvflex.flexvolume.Main mount "\$1" "\$2" >"$work/$v-train.out" 2>&1
umount "\$1"
SETUP
      ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  specs="$specs $v=$work/$v"
done

cold_variants=
for s in $specs; do
  case $s in cold=*) cold_dir=${s#cold=} ;; *) cold_variants="$cold_variants $s" ;; esac
done
SIZES=${SIZES:-10} SCENARIOS="native${cold_dir:+ cold}" PLUGIN=${cold_dir:-$base} \
  COLD_VARIANTS="$cold_variants" OUT=${OUT:-$root/bench/results/cold-path.txt} sh "$root/bench/mount-latency.sh"
