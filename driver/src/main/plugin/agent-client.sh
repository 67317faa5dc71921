# kvflex launcher, node agent client: sourced by `kv` (POSIX sh; uses only mkdir, mkfifo, mv, rm,
# sleep, kill, date, mount and umount). kv_agent_call hands the kubelet's call to a running
# `kv agent` and exits with its answer; when it returns, the call runs in-process and
# KVFLEX_AGENT_FALLBACK says why (none: no agent is published). The design, every message and
# every timeout are in docs/agent.md.
#
# At most once: the only arbiter is an atomic rename. The agent claims a call by renaming its
# `offer` to `claimed`; a launcher that waited KV_AGENT_CLAIM_WAIT seconds withdraws it by renaming
# `offer` to `withdrawn`. Whoever wins runs the call; a launcher that lost never falls back, it
# waits for the agent's answer (or answers one Failure if the agent dies).
#
# Secrets: the request (the options JSON among the arguments, the proxy variables) goes through a
# FIFO only; nothing secret is written to a file or appears in any process's argv.

KV_AGENT_PROTOCOL=1
KV_AGENT_CLAIM_WAIT=1
# The longest mount (timeout 10 min) plus margin; the agent answers well before (it enforces the
# call's deadline itself), this only bounds a hung agent that had claimed the call.
KV_AGENT_ANSWER_LIMIT=660

# Watchdog: after $1 seconds, writes "timeout $3" into FIFO $2 (opened read-write, so the write
# never blocks even when nobody reads any more). It sleeps in steps of at most 10 s and ends early
# when the launcher is gone (a launcher killed with SIGKILL leaves no long sleeper behind).
# kv_unwatch stops it and its sleep.
kv_watch() {
  (
    exec 3<&- 4<&- >/dev/null 2>&1 </dev/null
    trap 'kill $! 2>/dev/null; exit 0' TERM
    kv_left=$1
    while [ "$kv_left" -gt 0 ]; do
      kv_step=$kv_left
      [ "$kv_step" -le 10 ] || kv_step=10
      sleep "$kv_step" &
      wait $! || exit 0
      kill -0 $$ 2>/dev/null || exit 0
      kv_left=$((kv_left - kv_step))
    done
    printf 'timeout %s\n' "$3" 1<>"$2"
  ) &
  kv_wd=$!
}

kv_unwatch() {
  if [ -n "${kv_wd:-}" ]; then
    kill "$kv_wd" 2>/dev/null
    wait "$kv_wd" 2>/dev/null
    kv_wd=
  fi
}

# Sends the request: protocol, start time, the kubelet's proxy variables, every argument. Lengths
# are in bytes (LC_ALL=C while the client runs), so arguments may hold any text.
kv_send() {
  printf 'call %s\nstart %s\n' "$KV_AGENT_PROTOCOL" "$kv_start"
  for kv_n in HTTPS_PROXY https_proxy HTTP_PROXY http_proxy NO_PROXY no_proxy; do
    eval "kv_v=\${$kv_n-}"
    eval "kv_set=\${$kv_n+set}"
    if [ -n "$kv_set" ]; then
      printf 'env %s %s\n%s\n' "$kv_n" "${#kv_v}" "$kv_v"
    fi
  done
  for kv_a in "$@"; do
    printf 'arg %s\n%s\n' "${#kv_a}" "$kv_a"
  done
  printf 'end\n'
}

# The path an operation names: "target" is the directory the kubelet gave THIS call (never a path
# the agent chooses); "staging/<name>" is a directory right under $RUN_DIR/staging. Sets kv_p.
kv_operand() {
  kv_p=
  case $1 in
    target)
      case $kv_target in
        /*) ;;
        *) return 1 ;;
      esac
      case /$kv_target/ in
        */../* | */./*) return 1 ;;
      esac
      kv_p=$kv_target
      ;;
    staging/*)
      kv_p=${1#staging/}
      case $kv_p in
        '' | .* | */* | *[!A-Za-z0-9._-]*) return 1 ;;
      esac
      [ ! -L "$kv_rd/staging" ] && [ -d "$kv_rd/staging" ] || return 1
      kv_p=$kv_rd/staging/$kv_p
      ;;
    *) return 1 ;;
  esac
  [ -d "$kv_p" ] && [ ! -L "$kv_p" ]
}

# The mount tools where the in-process driver finds them.
kv_tool() {
  for kv_d in /usr/bin /bin /usr/sbin /sbin; do
    if [ -x "$kv_d/$1" ]; then
      kv_t=$kv_d/$1
      return
    fi
  done
  kv_t=$1
}

# Runs one operation the agent asked for ("op <seq> <verb> <operands>") and replies on fd 4.
# Only these exist (docs/agent.md):
#   tmpfs  <target|staging/NAME> kvflex-<hex> <bytes>   a size-capped tmpfs, nosuid,nodev,noexec
#   bind   staging/NAME target                          the prepared volume onto the call's target
#   umount <target|staging/NAME>                        the top mount there
kv_op() {
  kv_seq=$2
  kv_out=
  kv_rc=2
  kv_t=kv
  case $3 in
    tmpfs)
      kv_src=${5:-} kv_size=${6:-}
      case $kv_src in
        kvflex-*) ;;
        *) kv_src= ;;
      esac
      case ${kv_src#kvflex-}:$kv_size in
        :* | *[!0-9a-f]*:* | *: | *:*[!0-9]*) kv_src= ;;
      esac
      if [ $# -eq 6 ] && [ -n "$kv_src" ] && kv_operand "$4"; then
        kv_tool mount
        kv_out=$("$kv_t" -t tmpfs -o "nosuid,nodev,noexec,size=$kv_size,mode=0755" "$kv_src" "$kv_p" 2>&1)
        kv_rc=$?
      else
        kv_t=kv kv_out="refused: tmpfs needs target or staging/<name>, kvflex-<hex> and a size"
      fi
      ;;
    bind)
      if [ $# -eq 5 ] && [ "$5" = target ] && case $4 in staging/*) true ;; *) false ;; esac &&
        kv_operand "$4" && kv_from=$kv_p && kv_operand target; then
        kv_tool mount
        kv_out=$("$kv_t" --bind "$kv_from" "$kv_p" 2>&1)
        kv_rc=$?
      else
        kv_t=kv kv_out="refused: bind needs staging/<name> and target"
      fi
      ;;
    umount)
      if [ $# -eq 4 ] && kv_operand "$4"; then
        kv_tool umount
        kv_out=$("$kv_t" "$kv_p" 2>&1)
        kv_rc=$?
      else
        kv_t=kv kv_out="refused: umount needs target or staging/<name>"
      fi
      ;;
    *)
      kv_out="refused: unknown operation"
      ;;
  esac
  if [ "$kv_rc" -eq 0 ]; then
    printf 'ok %s\n' "$kv_seq" >&4
  else
    printf 'fail %s %s %s %s\n%s\n' "$kv_seq" "$kv_rc" "$kv_t" "${#kv_out}" "$kv_out" >&4
  fi
}

# Appends one event to the driver log (only when the agent failed a claimed call): never through a
# symbolic link, only to a regular file (the JVM's rule for its log), created private (umask 077).
kv_log() {
  kv_lf=${KVFLEX_LOG_FILE:-/var/log/kv-driver.log}
  if [ "$kv_lf" = /dev/null ] || [ -h "$kv_lf" ] || { [ -e "$kv_lf" ] && [ ! -f "$kv_lf" ]; }; then
    return
  fi
  printf 'time=%s level=%s pid=%s event=%s call=%s\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$$" "$2" "$kv_id" >>"$kv_lf" 2>/dev/null
}

# Ends the call: watchdog, request writer, FIFOs and the call directory.
kv_close() {
  kv_unwatch
  if [ -n "${kv_sender:-}" ]; then
    kill "$kv_sender" 2>/dev/null
    wait "$kv_sender" 2>/dev/null
    kv_sender=
  fi
  exec 3<&- 4<&-
  rm -rf "$kv_call" "$kv_new"
}

kv_restore_locale() {
  if [ "$kv_lc" = unset ]; then unset LC_ALL; else LC_ALL=$kv_lc; fi
}

kv_agent_call() {
  KVFLEX_AGENT_FALLBACK=none
  export KVFLEX_AGENT_FALLBACK
  case ${KVFLEX_AGENT:-auto} in
    off)
      KVFLEX_AGENT_FALLBACK=disabled
      return
      ;;
  esac
  kv_rd=${KVFLEX_RUN_DIR:-/run/kvflex}
  kv_ad=$kv_rd/agent
  if [ ! -f "$kv_ad/ready" ]; then
    [ -f "$kv_ad/ready.stale" ] && KVFLEX_AGENT_FALLBACK=stale
    return
  fi
  # Root-only: whoever can write here could answer for the agent.
  if [ -L "$kv_rd" ] || [ ! -O "$kv_rd" ] || [ -L "$kv_ad" ] || [ ! -O "$kv_ad" ]; then
    KVFLEX_AGENT_FALLBACK=unsafe-run-dir
    return
  fi
  IFS= read -r kv_ready <"$kv_ad/ready" || kv_ready=
  case " $kv_ready " in
    *" protocol=$KV_AGENT_PROTOCOL "*) ;;
    *)
      KVFLEX_AGENT_FALLBACK=protocol
      KVFLEX_AGENT_READY=$kv_ready
      export KVFLEX_AGENT_READY
      return
      ;;
  esac
  kv_target=${2:-}
  kv_start=$(date +%s%N)
  case $kv_start in
    '' | *[!0-9]*) kv_start=$(date +%s)000000000 ;;
  esac
  kv_id=c$$.$kv_start
  kv_new=$kv_ad/new/$kv_id
  kv_call=$kv_ad/calls/$kv_id
  kv_wd=
  kv_sender=
  if ! mkdir -m 700 "$kv_new" 2>/dev/null; then
    KVFLEX_AGENT_FALLBACK=no-call-dir
    return
  fi
  if ! mkfifo -m 600 "$kv_new/in" "$kv_new/out" 2>/dev/null ||
    ! printf '%s %s\n' "$$" "$kv_start" >"$kv_new/offer"; then
    rm -rf "$kv_new"
    KVFLEX_AGENT_FALLBACK=no-call-dir
    return
  fi
  # Our write end of the agent's input: opening read-write never blocks. (`command`: a failed
  # redirection of a special built-in must not end the launcher.)
  if ! command exec 4<>"$kv_new/in" || ! mv "$kv_new" "$kv_call" 2>/dev/null; then
    kv_call=
    kv_close
    KVFLEX_AGENT_FALLBACK=no-call-dir
    return
  fi
  kv_new=
  # No trap for TERM here: a watchdog forked while this shell catches TERM would catch (and lose)
  # the TERM meant to stop it before it sets its own trap (dash). A launcher the kubelet kills
  # leaves its call directory to the agent's janitor; its watchdogs end by themselves.
  kv_watch "$KV_AGENT_CLAIM_WAIT" "$kv_call/out" claim
  # Blocks until the agent (or the watchdog) opens the other end.
  if command exec 3<"$kv_call/out"; then
    IFS= read -r kv_line <&3 || kv_line=
  else
    kv_line=
  fi
  case $kv_line in
    "claimed "*) ;;
    *)
      if mv "$kv_call/offer" "$kv_call/withdrawn" 2>/dev/null; then
        # We won: the agent will never run this call. Later calls do not wait for a stale agent
        # until it publishes itself again.
        kv_close
        if [ "$kv_line" = "timeout claim" ]; then
          mv "$kv_ad/ready" "$kv_ad/ready.stale" 2>/dev/null
          KVFLEX_AGENT_FALLBACK=claim-timeout
        else
          KVFLEX_AGENT_FALLBACK=refused
        fi
        return
      fi
      # The agent claimed it meanwhile: its answer follows.
      ;;
  esac
  kv_unwatch
  kv_watch "$KV_AGENT_ANSWER_LIMIT" "$kv_call/out" answer
  kv_lc=${LC_ALL-unset}
  LC_ALL=C
  # A writer of its own (not our read-write fd 4): if the agent and this launcher are both gone, a
  # large request gets EPIPE instead of blocking the writer forever.
  (
    exec 3<&- 4<&-
    kv_send "$@" >"$kv_call/in"
  ) &
  kv_sender=$!
  kv_rc=
  kv_json=
  kv_why=stopped
  while IFS= read -r kv_line <&3; do
    case $kv_line in
      "op "*)
        # shellcheck disable=SC2086 # the agent's words, split on purpose
        kv_op $kv_line
        ;;
      "answer "*)
        kv_rc=${kv_line#answer }
        IFS= read -r kv_json <&3 || kv_json=
        break
        ;;
      "timeout answer")
        kv_why=hung
        break
        ;;
    esac
  done
  kv_restore_locale
  kv_close
  case $kv_rc in
    '' | *[!0-9]*) kv_rc= ;;
  esac
  case $kv_json in
    '{'*'}') ;;
    *) kv_rc= ;;
  esac
  if [ -n "$kv_rc" ]; then
    printf '%s\n' "$kv_json"
    exit "$kv_rc"
  fi
  if [ "$kv_why" = hung ]; then
    kv_log error agent.call_timeout
    fail "the kvflex node agent took this call but did not answer within ${KV_AGENT_ANSWER_LIMIT}s; it was not run again in-process; the kubelet will retry"
  fi
  kv_log error agent.call_lost
  fail "the kvflex node agent stopped while it handled this call; it was not run again in-process; the kubelet will retry"
}
