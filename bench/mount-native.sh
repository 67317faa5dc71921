#!/bin/sh
# The native baseline of bench/mount-latency.sh: what the legacy FlexVolume driver did for a mount,
# done with POSIX sh + curl (curl is installed for the benchmark only; the product never needs it):
# mount a tmpfs at the target, get ONE token (OAuth2 v1 client credentials), then GET each secret
# sequentially and write its value to <dir>/<name> right after fetching it (the legacy helper's
# fetch loop: one object at a time, in list order). One curl process (one TLS connection) per
# request, as a shell script would do it.
#
#   mount-native.sh <dir> <name;name;...>
# Environment (nothing secret on any argv): NATIVE_TOKEN_URL, NATIVE_FORM (file holding the
# urlencoded token request body), NATIVE_VAULT_URL, NATIVE_CA (CA file), NATIVE_RESOLVE (curl
# --resolve entries, space-separated), NATIVE_TMP (a private directory for the bearer header).
set -eu
dir=$1
names=$2
resolve=
for r in $NATIVE_RESOLVE; do
  resolve="$resolve --resolve $r"
done
# shellcheck disable=SC2086 # $resolve is a list of options
fetch() { curl -sS --fail --cacert "$NATIVE_CA" $resolve "$@"; }

mount -t tmpfs -o nosuid,nodev,noexec,size=4m,mode=0755 tmpfs "$dir"
token=$(fetch --data "@$NATIVE_FORM" "$NATIVE_TOKEN_URL" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "mount-native: no token" >&2; exit 1; }
header=$NATIVE_TMP/bearer.$$
(umask 077 && printf 'Authorization: Bearer %s\n' "$token" >"$header")
ifs=$IFS
IFS=';'
for name in $names; do
  IFS=$ifs
  value=$(fetch -H "@$header" "$NATIVE_VAULT_URL/secrets/$name/?api-version=2016-10-01" |
    sed -n 's/.*"value":"\([^"]*\)".*/\1/p')
  printf '%s' "$value" >"$dir/$name"
done
IFS=$ifs
rm -f "$header"
echo '{"status":"Success"}'
