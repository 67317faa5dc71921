#!/bin/sh
# Measures kvctl's YAML reading of a document with one long quoted scalar (a big ConfigMap value):
# snakeyaml-engine's default 1 KiB read buffer against the buffer sized to the document that
# YamlDocuments now uses, alternated in one JVM (see YamlLongScalarBench.java). Prints the figures
# and writes them to bench/results/yaml-long-scalar.txt. Needs kvctl-cli's dependencies in ~/.m2.
set -eu
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
# The snakeyaml-engine version the root pom pins, from the local Maven repository.
version=$(sed -n 's:.*<snakeyaml-engine.version>\(.*\)</snakeyaml-engine.version>.*:\1:p' pom.xml)
cp="${HOME}/.m2/repository/org/snakeyaml/snakeyaml-engine/$version/snakeyaml-engine-$version.jar"
[ -f "$cp" ] || { echo "missing $cp: build kvctl once (mvn -B -DskipTests package)" >&2; exit 1; }
mkdir -p bench/results bench/target
javac -d bench/target -cp "$cp" bench/YamlLongScalarBench.java
out=bench/results/yaml-long-scalar.txt
{
  echo "# yaml-long-scalar: $(date -u +%Y-%m-%dT%H:%M:%SZ) $(java -version 2>&1 | head -1)"
  echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); median of $runs alternated runs"
  java -cp "bench/target:$cp" YamlLongScalarBench "$runs"
} | tee "$out"
