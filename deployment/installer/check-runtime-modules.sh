#!/bin/sh
# Fails when the plugin jars need a JDK module that runtime-modules.txt neither lists nor
# deliberately leaves out, so a new dependency cannot silently break the trimmed runtime.
# Usage: check-runtime-modules.sh <plugin lib dir> <runtime-modules.txt>
set -eu
LIB=$(cd "$1" && pwd -P)
LIST=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# jdeps resolves modular jars as modules and stops at the first non-modular dependency; analysing
# the unpacked classes as one unnamed module avoids that.
for jar in "$LIB"/*.jar; do
  (cd "$WORK" && jar xf "$jar")
done
find "$WORK" -name module-info.class -exec rm -f {} +
NEEDED=$(jdeps --ignore-missing-deps -q --print-module-deps --multi-release 17 "$WORK" | tr ',' '\n')
# Left out on purpose (runtime-modules.txt says why): modules only code the driver never runs needs.
LEFT_OUT='java.desktop java.naming'
status=0
for module in $NEEDED; do
  case " $LEFT_OUT " in *" $module "*) continue ;; esac
  if ! grep -qx "$module" "$LIST"; then
    echo "runtime module $module is needed by the plugin jars but missing from $LIST" >&2
    status=1
  fi
done
echo "jdeps: $(echo $NEEDED | tr ' ' ',')"
exit $status
