#!/bin/sh
# Makes lib/kv.jsa, the AppCDS archive the kv launcher maps at start, for the Java runtime that will
# run the driver (an archive maps only into the JVM build that dumped it), from
#   lib/kv.classlist  the classes the training mounts loaded (made by `mvn package`)
#   lib/classpath     the launcher's class path: relative to this plugin folder and in order,
#                     because JDK 17 checks the archive against the class path exactly as written
#                     (and against each jar's size and modification time: copy with cp -p)
# Usage: lib/dump-archive.sh <java>   run by `mvn package` with the build's JDK and by the
# installer image with its bundled runtime; prints the JVM's dump output.
set -eu
java=$1
cd "$(dirname "$0")/.."
read -r cp <lib/classpath
tmp=lib/kv.jsa.$$
list=lib/kv.classlist
trap 'rm -f "$tmp" "$tmp.list"' EXIT
dump() { "$java" -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$tmp" -cp "$cp"; }
if ! dump "$list"; then
  # Lambda-proxy entries (lines starting with @) crash some JDK 17 builds' dump when a class they
  # name was skipped; the archive is then made of the plain classes only.
  echo "dump-archive: dump failed; again without the lambda-proxy entries" >&2
  grep -v '^@' "$list" >"$tmp.list"
  dump "$tmp.list"
fi
# The archive must map: -Xshare:on fails instead of silently running without it.
"$java" -Xshare:on -XX:SharedArchiveFile="$tmp" -cp "$cp" -version 2>/dev/null
mv -f "$tmp" lib/kv.jsa
