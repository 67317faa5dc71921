#!/bin/sh
# Builds the driver's trimmed Java runtime with jlink, after checking that the plugin jars need no
# JDK module beyond runtime-modules.txt. Used by the Dockerfile and by the install test.
# Usage: build-runtime.sh <plugin lib dir> <runtime-modules.txt> <output dir> [extra jlink options]
# (the test passes none of the size options to save time; the image passes --compress=2 etc.)
set -eu
LIB=$1
LIST=$2
OUT=$3
shift 3
HERE=$(dirname "$0")
sh "$HERE/check-runtime-modules.sh" "$LIB" "$LIST"
MODULES=$(sed -e '/^#/d' -e '/^$/d' "$LIST" | tr '\n' ',' | sed 's/,$//')
# --no-header-files and --no-man-pages are always safe; the caller adds stripping/compression.
jlink --add-modules "$MODULES" --no-header-files --no-man-pages "$@" --output "$OUT"
# The JDK's default class-data-sharing archive for this runtime (lib/server/classes.jsa, about
# 12 MB): jlink in JDK 17 does not make one, and without it every `kv` call (one JVM per kubelet
# call) starts noticeably slower. Measured numbers: docs/install.md, "Runtime, host OS support and size".
"$OUT/bin/java" -Xshare:dump > /dev/null
echo "runtime $OUT: modules $MODULES, $(du -sk "$OUT" | cut -f 1) KiB"
