# Sourced by the bench scripts (POSIX sh): localvault on loopback, seeded like the driver's
# black-box tests, and kubelet options JSON that mounts from it.
#   start_localvault <repo root> <work dir> [seed]
#                                             starts it (pid in lv_pid: the caller kills it), waits
#                                             until ready, exports KVFLEX_HOSTS_FILE, sets tenant
#                                             and https_port; seed: default the black-box tests' one
#   localvault_classpath <repo root> <file>  writes localvault's runtime class path (offline)
#   mount_options <names> <types> [formats]   the options JSON of a mount of those objects
#   driver_volumes <work dir>                 exports KVFLEX_RUN_DIR (a private run directory, never
#                                             the node's /run/kvflex) and sets vols, the kubelet-shaped
#                                             directory (of pod uid "bench") that volumes go under:
#                                             the driver mounts nowhere else

# localvault's runtime class path into <file>. Its test scope needs the test-support module, which
# only the reactor resolves (hence -am and a phase); the last module written is localvault.
localvault_classpath() { # <repo root> <file>
  mvn -B -o -q -f "$1/pom.xml" compile dependency:build-classpath -pl localvault -am \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$2" >/dev/null
}

start_localvault() {
  lv_root=$1 lv_work=$2
  lv_seed=${3:-$lv_root/driver/src/test/resources/io/kvflex/flexvolume/blackbox/seed.yaml}
  localvault_classpath "$lv_root" "$lv_work/lv.cp"
  # A crash report would land in the working directory: keep it in the work dir, not the repo.
  java -XX:ErrorFile="$lv_work/hs_err_%p.log" \
    -cp "$lv_root/localvault/target/classes:$(cat "$lv_work/lv.cp")" io.kvflex.localvault.Main \
    --seed "$lv_seed" \
    --env-out "$lv_work/env.json" --hosts-out "$lv_work/hosts" --quiet >"$lv_work/lv.out" 2>&1 &
  lv_pid=$!
  lv_wait=0
  until grep -q ready "$lv_work/lv.out" 2>/dev/null; do
    lv_wait=$((lv_wait + 1))
    if [ "$lv_wait" -ge 120 ]; then
      echo "localvault did not start" >&2
      cat "$lv_work/lv.out" >&2
      exit 1
    fi
    sleep 0.5
  done
  export KVFLEX_HOSTS_FILE="$lv_work/hosts"
  tenant=$(sed -n 's/.*tenant=\([^ ]*\).*/\1/p' "$lv_work/lv.out")
  https_port=$(sed -n 's/.* https=\([0-9]*\).*/\1/p' "$lv_work/lv.out")
}

mount_options() {
  printf '{"kubernetes.io/pod.uid":"bench","kubernetes.io/secret/clientid":"%s","kubernetes.io/secret/clientsecret":"%s","keyvaultname":"kvflex-it","tenantid":"%s","cloudname":"AzureStackCloud","cloudenvfilename":"%s","keyvaultobjectnames":"%s","keyvaultobjecttypes":"%s"%s}' \
    "$(lv_b64 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d)" "$(lv_b64 SENTINEL-client-secret-9d8c7b)" \
    "$tenant" "$lv_work/env.json" "$1" "$2" "${3:+,\"keyvaultobjectformats\":\"$3\"}"
}

lv_b64() { printf '%s' "$1" | base64 | tr -d '\n'; }

driver_volumes() {
  export KVFLEX_RUN_DIR="$1/run"
  vols=$1/kubelet/pods/bench/volumes/azure~kv
  mkdir -p "$vols"
}
