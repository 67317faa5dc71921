#!/bin/sh
# What each technique of the node agent's warm path gains: the driver built three more times, each
# with ONE technique switched off, measured beside this worktree's build in one alternated run of
# bench/mount-latency.sh (native sh+curl as the unit, 10 and 50 objects, warm mounts only):
#   warm      this worktree's build (driver/target/plugin/azure~kv) with its agent
#   p4        8 objects fetched at once -> 4 (what the in-process driver does)
#   notokens  no token kept between mounts (every mount asks Entra ID, as a fresh JVM does)
#   noconns   no HTTP clients kept between mounts (a TLS handshake per connection per mount)
# Each variant is HEAD built from `git archive` (bench/baseline.sh) after a one-line change (below),
# without the AppCDS archive (it only speeds up the agent's own start).
#
#   bench/warm-path.sh                 # RUNS=9 rounds (passed on); needs what mount-latency.sh needs
# Writes bench/results/warm-path.txt (OUT=<file> to write elsewhere).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=${OUT:-$root/bench/results/warm-path.txt}
work=$(mktemp -d /tmp/kvflex-warm-path.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$root/bench/baseline.sh"

# <name> <file> <sed expression>: HEAD with one change, built; its plugin folder in $work/<name>.
variant() {
  mkdir "$work/$1"
  BASE_MVN_ARGS=-Dkvflex.cds.skip=true \
    BASE_PREPARE="before=\$(md5sum '$2'); sed -i '$3' '$2'; [ \"\$(md5sum '$2')\" != \"\$before\" ]" \
    baseline_plugin "$root" "$work/$1" HEAD
  plugins="$plugins $1=$base"
  echo "built variant $1: $2: $3" >&2
}
plugins=
variant p4 driver/src/main/java/io/kvflex/engine/FetchPhase.java \
  's/static final int MAX_PARALLEL_WARM = 8;/static final int MAX_PARALLEL_WARM = 4;/'
variant notokens driver/src/main/java/io/kvflex/vault/credentials/TokenCache.java \
  's/REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);/REFRESH_BEFORE_EXPIRY = Duration.ofDays(3650);/'
variant noconns driver/src/main/java/io/kvflex/vault/WarmState.java \
  's/    ConnectionKey key = new ConnectionKey(fingerprints(extraCas), proxies);/    if (extraCas != null) { return Connections.of(HttpSettings.withExtraCas(extraCas).withProxying(new Proxying(proxies, routes))); }\n&/'

SCENARIOS="native warm" WARM_VARIANTS="$plugins" OUT="$out" sh "$root/bench/mount-latency.sh"
