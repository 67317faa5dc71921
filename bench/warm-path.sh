#!/bin/sh
# What each technique of the node agent's warm path gains: builds the driver three more times, each
# with ONE technique switched off, and measures them beside the real build in one alternated run of
# bench/mount-latency.sh (WARM_VARIANTS):
#   p4        8 objects fetched at once -> 4 (what the in-process driver does)
#   notokens  no token kept between mounts (every mount asks Entra ID, as a fresh JVM does)
#   noconns   no HTTP clients kept between mounts (a TLS handshake per connection per mount)
# The variants are built in a temporary git worktree of HEAD (your working tree is not touched),
# each from a one-line change shown below, with `mvn -o package` (nothing is installed).
#
#   bench/warm-path.sh                 # RUNS=9 rounds (passed on); needs what mount-latency.sh needs
# Writes bench/results/warm-path.txt (OUT=<file> to write elsewhere).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out=${OUT:-$root/bench/results/warm-path.txt}
tree=$(mktemp -d /tmp/kvflex-warm-path.XXXXXX)
variants=$tree/plugins
cleanup() {
  git -C "$root" worktree remove --force "$tree/src" >/dev/null 2>&1 || true
  rm -rf "$tree"
}
trap cleanup EXIT INT TERM
git -C "$root" worktree add -q --detach "$tree/src" HEAD
mkdir -p "$variants"

# <name> <file> <sed expression>: one variant, built from HEAD with one change.
variant() {
  (
    cd "$tree/src"
    git checkout -q -- .
    before=$(md5sum "$2")
    sed -i "$3" "$2"
    [ "$(md5sum "$2")" != "$before" ] || { echo "variant $1: '$3' changed nothing in $2" >&2; exit 1; }
    mvn -B -q -o -pl driver -am package -DskipTests -Dspotless.check.skip=true >"$tree/$1.log" 2>&1 ||
      { cat "$tree/$1.log" >&2; exit 1; }
    cp -R driver/target/plugin/azure~kv "$variants/$1"
    echo "built variant $1: $2: $3" >&2
  )
}
variant p4 driver/src/main/java/io/kvflex/engine/FetchPhase.java \
  's/static final int MAX_PARALLEL_WARM = 8;/static final int MAX_PARALLEL_WARM = 4;/'
variant notokens driver/src/main/java/io/kvflex/vault/credentials/TokenCache.java \
  's/REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);/REFRESH_BEFORE_EXPIRY = Duration.ofDays(3650);/'
variant noconns driver/src/main/java/io/kvflex/vault/WarmState.java \
  's/    ConnectionKey key = new ConnectionKey(fingerprints(extraCas), proxies);/    if (extraCas != null) {\n      return Connections.of(HttpSettings.withExtraCas(extraCas).withProxying(new Proxying(proxies, routes)));\n    }\n&/'

SCENARIOS="native warm" \
  WARM_VARIANTS="p4=$variants/p4 notokens=$variants/notokens noconns=$variants/noconns" \
  OUT="$out" sh "$root/bench/mount-latency.sh"
