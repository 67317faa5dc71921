# Sourced by the bench scripts (POSIX sh) that compare against a baseline build.
#   baseline_plugin <repo root> <work dir> <git ref>
#       sets base to the baseline's built plugin folder (azure~kv): $BASE_PLUGIN when set, else the
#       driver of <git ref> built from `git archive` in <work dir>/base-src (extra mvn arguments in
#       $BASE_MVN_ARGS; $BASE_PREPARE, when set, is run in base-src before the build: a variant)
baseline_plugin() {
  if [ -n "${BASE_PLUGIN:-}" ]; then
    base=$BASE_PLUGIN
    return
  fi
  echo "building the baseline $3 from git archive..." >&2
  mkdir "$2/base-src"
  (cd "$1" && git archive --format=tar "$3") | tar -x -C "$2/base-src"
  if [ -n "${BASE_PREPARE:-}" ]; then
    (cd "$2/base-src" && sh -c "$BASE_PREPARE") >&2
  fi
  # shellcheck disable=SC2086 # BASE_MVN_ARGS is a list of arguments
  (cd "$2/base-src" && mvn -B -o -q package -pl driver -am -DskipTests ${BASE_MVN_ARGS:-}) >&2
  base=$2/base-src/driver/target/plugin/azure~kv
}
