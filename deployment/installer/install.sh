#!/bin/sh
# kvflex installer: copies the self-contained azure/kv FlexVolume driver (launcher `kv`, a trimmed
# Java runtime and the jars) into the kubelet's plugin directory, then runs the node agent
# (`kv agent`, in the foreground, from the installed release) that serves kubelet calls warm
# (docs/agent.md); or sleeps, as DaemonSet pods must not exit.
#
# Layout it maintains (the kubelet only ever executes $TARGET_DIR/azure~kv/kv):
#   $TARGET_DIR/azure~kv/kv                 tiny entry point: exec release-<id>/kv "$@"
#   $TARGET_DIR/azure~kv/release-<id>/      one complete, verified release (kv, lib/, runtime/)
#
# Why an entry point instead of renaming the whole directory: rename(2) cannot replace a non-empty
# directory, so swapping directories leaves a moment with no driver (a mount then fails). Here every
# step the kubelet can observe is atomic:
#   fresh install  the whole azure~kv tree is staged in a hidden sibling (.azure~kv.staging.<pid>;
#                  the kubelet ignores names starting with '.'), verified, then renamed into place;
#   upgrade        the new release is staged in the same hidden sibling, verified, renamed to
#                  azure~kv/release-<id>, and only then is the entry point replaced by a file
#                  rename. The previous release stays until the next upgrade, so a mount that is
#                  running while we upgrade finishes with the files it started with.
# Right before either switch, the new release's `kv adopt-legacy` reads the node's mount table once
# and records (in the driver's run directory) every volume an earlier azure/kv driver mounted: the
# legacy driver's plain tmpfs, which kvflex does not take for its own. kvflex's unmount then
# removes exactly those mounts when their pods go away (docs/migration.md). A failed adoption stops
# the install before the switch: the previous driver stays.
#
# Environment:
#   TARGET_DIR             required: the kubelet's FlexVolume plugin directory (as mounted here)
#   KVFLEX_PLUGIN_SOURCE   the plugin folder to install (default /opt/kvflex/azure~kv)
#   KVFLEX_INSTALL_SLEEP   "true" (default) stays after installing; "false" exits (tests, Jobs)
#   KVFLEX_RUN_AGENT       "true" (default) stays by running the node agent; "false" just sleeps
#                          (every kubelet call then starts its own JVM)
#   KVFLEX_HOST_MOUNTINFO  the mount table of the kubelet's mount namespace as seen here (default
#                          /host/proc/1/mountinfo: the DaemonSet mounts the host's /proc at /host/proc)
#   KVFLEX_RUN_DIR         the driver's run directory on the node, where adoption records go (default
#                          /run/kvflex: the DaemonSet mounts the host's at the same path)
#   KVFLEX_ADOPT_LEGACY    "true" (default) adopts the volumes an earlier driver mounted; "false" skips
#                          it (their unmount then needs `umount <dir>` by hand, docs/migration.md)
#
# It touches nothing in TARGET_DIR except azure~kv/ and its own hidden staging directories.
# Exit codes: 0 installed (or already current), 1 failed (nothing half-written is left visible).
set -eu

SOURCE_DIR=${KVFLEX_PLUGIN_SOURCE:-/opt/kvflex/azure~kv}
SLEEP=${KVFLEX_INSTALL_SLEEP:-true}
RUN_AGENT=${KVFLEX_RUN_AGENT:-true}
HOST_MOUNTINFO=${KVFLEX_HOST_MOUNTINFO:-/host/proc/1/mountinfo}
ADOPT=${KVFLEX_ADOPT_LEGACY:-true}
EXPECTED_INIT='{"status":"Success","capabilities":{"attach":false}}'
STAGING=''
NEW_ENTRY=''

log() {
  printf '%s kvflex-install: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*"
}

fail() {
  log "ERROR: $*"
  exit 1
}

cleanup() {
  if [ -n "$STAGING" ] && [ -d "$STAGING" ]; then
    rm -rf "$STAGING"
  fi
  if [ -n "$NEW_ENTRY" ]; then
    rm -f "$NEW_ENTRY"
  fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# Runs `<kv> init` and checks that stdout+stderr together are exactly the init reply (the kubelet
# parses both streams as one JSON document, so any extra byte is a broken driver).
verify() {
  # In-process (KVFLEX_AGENT=off): the release itself is checked, never a running node agent.
  out=$(KVFLEX_AGENT=off "$1" init 2>&1) || fail "$1 init exited with status $?: $out"
  squeezed=$(printf '%s' "$out" | tr -d ' \t\r\n')
  [ "$squeezed" = "$EXPECTED_INIT" ] || fail "$1 init printed an unexpected reply: $out"
  log "verified: $1 init -> $squeezed"
}

# Records the volumes an earlier azure/kv driver mounted, with the release about to be switched in
# (its `kv adopt-legacy` answers one JSON line). Runs as late as possible before the switch: only
# mounts present in this one reading of the mount table are ever adopted.
adopt_legacy() { # <kv of the release about to be installed>
  case $ADOPT in
    false)
      log "adoption of legacy volumes skipped (KVFLEX_ADOPT_LEGACY=false): a volume an earlier driver mounted needs 'umount <dir>' by hand when its pod goes away"
      return 0
      ;;
    true) ;;
    *) fail "KVFLEX_ADOPT_LEGACY is '$ADOPT': set it to true (default) or false" ;;
  esac
  [ -r "$HOST_MOUNTINFO" ] || fail "cannot read the node's mount table $HOST_MOUNTINFO to adopt the volumes an earlier driver mounted: mount the host's /proc at /host/proc (deployment/kv-flexvol-installer.yaml does), point KVFLEX_HOST_MOUNTINFO at the kubelet's mount table, or set KVFLEX_ADOPT_LEGACY=false; the previous driver stays in place"
  out=$("$1" adopt-legacy "$HOST_MOUNTINFO" 2>&1) || fail "$1 adopt-legacy failed, the previous driver stays in place: $out"
  case $out in
    '{"status":"Success"'*) log "adoption: $out" ;;
    *) fail "$1 adopt-legacy printed an unexpected reply: $out" ;;
  esac
}

# A short digest of the release contents: the same image always installs the same release id,
# which makes re-running idempotent.
release_id() {
  (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k 2 | sha256sum | cut -c 1-12)
}

write_entry_point() { # <file> <release dir name>
  cat > "$1" <<ENTRY
#!/bin/sh
# azure/kv FlexVolume entry point written by kvflex install.sh; runs the installed release.
exec "\$(dirname "\$0")/$2/kv" "\$@"
ENTRY
  chmod 0755 "$1"
}

# The release the current entry point runs, or nothing.
current_release() {
  [ -f "$1/kv" ] || return 0
  sed -n 's|^exec "\$(dirname "\$0")/\(release-[0-9a-f]*\)/kv" "\$@"$|\1|p' "$1/kv"
}

stage_release() { # <dest release dir>
  mkdir -p "$(dirname "$1")"
  # -p: the AppCDS archive lib/kv.jsa holds only while each jar keeps its size and modification time.
  cp -Rp "$SOURCE_DIR" "$1"
  chmod -R a+rX,go-w "$1"
}

prune() { # <driver dir> <keep release> <keep release>
  for r in "$1"/release-*; do
    [ -d "$r" ] || continue
    name=$(basename "$r")
    if [ "$name" != "$2" ] && [ "$name" != "$3" ]; then
      rm -rf "$r"
      log "removed old release $name"
    fi
  done
  # The legacy driver's helper binary: replaced by this driver, never run by the new entry point.
  if [ -f "$1/azurekeyvault-flexvolume" ]; then
    rm -f "$1/azurekeyvault-flexvolume"
    log "removed the legacy driver's helper azurekeyvault-flexvolume"
  fi
}

[ -n "${TARGET_DIR:-}" ] || fail "TARGET_DIR is not set: set it to the kubelet's FlexVolume plugin directory"
[ -x "$SOURCE_DIR/kv" ] || fail "no executable $SOURCE_DIR/kv: set KVFLEX_PLUGIN_SOURCE to the plugin folder"
mkdir -p "$TARGET_DIR" || fail "cannot create $TARGET_DIR"
DRIVER_DIR="$TARGET_DIR/azure~kv"

# Leftovers of an installer that was killed half-way are ours and invisible to the kubelet.
for stale in "$TARGET_DIR"/.azure~kv.staging.* "$DRIVER_DIR"/.kv.new.*; do
  if [ -e "$stale" ]; then
    rm -rf "$stale"
    log "removed stale staging $stale"
  fi
done

ID=release-$(release_id "$SOURCE_DIR")
log "installing $ID from $SOURCE_DIR into $DRIVER_DIR"
STAGING="$TARGET_DIR/.azure~kv.staging.$$"

if [ ! -e "$DRIVER_DIR" ]; then
  stage_release "$STAGING/$ID"
  write_entry_point "$STAGING/kv" "$ID"
  verify "$STAGING/kv"
  adopt_legacy "$STAGING/$ID/kv"
  mv "$STAGING" "$DRIVER_DIR"
  STAGING=''
  log "installed $ID (fresh install)"
else
  [ -d "$DRIVER_DIR" ] || fail "$DRIVER_DIR exists and is not a directory; remove it and restart the installer"
  PREVIOUS=$(current_release "$DRIVER_DIR")
  if [ "$PREVIOUS" = "$ID" ] && [ -d "$DRIVER_DIR/$ID" ]; then
    verify "$DRIVER_DIR/kv"
    log "$ID is already installed; nothing to do"
  else
    if [ -d "$DRIVER_DIR/$ID" ]; then
      # Present but not in use (an interrupted upgrade): replace it with a fresh copy.
      rm -rf "$DRIVER_DIR/$ID"
    fi
    stage_release "$STAGING/$ID"
    verify "$STAGING/$ID/kv"
    mv "$STAGING/$ID" "$DRIVER_DIR/$ID"
    NEW_ENTRY="$DRIVER_DIR/.kv.new.$$"
    write_entry_point "$NEW_ENTRY" "$ID"
    verify "$NEW_ENTRY"
    adopt_legacy "$DRIVER_DIR/$ID/kv"
    mv -f "$NEW_ENTRY" "$DRIVER_DIR/kv"
    NEW_ENTRY=''
    log "installed $ID (replaced ${PREVIOUS:-a driver not installed by kvflex})"
  fi
  prune "$DRIVER_DIR" "$ID" "$PREVIOUS"
fi
cleanup
STAGING=''
log "installed size: $(du -sk "$DRIVER_DIR" | cut -f 1) KiB in $DRIVER_DIR"

if [ "$SLEEP" = "false" ]; then
  exit 0
fi
if [ "$RUN_AGENT" != "false" ]; then
  # The installed release, from the kubelet's own plugin directory: the agent runs exactly the
  # bytes the launchers on this node run. It prints "ready" once it accepts calls; SIGTERM (pod
  # deletion, upgrade) makes it withdraw, finish running calls and exit.
  log "install done, starting the node agent (kv agent) of $ID"
  trap - EXIT HUP INT TERM
  exec "$DRIVER_DIR/kv" agent
fi
log "install done, sleeping (the DaemonSet pod must keep running)"
trap 'log "terminated"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $! || true
done
