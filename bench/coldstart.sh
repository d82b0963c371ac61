#!/usr/bin/env bash
# Cold-start benchmark (docs/benchmarks.md, "Cold start (issue #11)"): builds the jars, then
# ColdStartBenchmark starts a local stack of its own on free 127.0.0.1 ports, creates a small
# show and an account, and starts every function of template.yaml in fresh JVMs (its jar, its
# template environment, the template's JVM flags), calling each twice with an event from events/.
# Prints per function: jar size, classes loaded, ms to the constructed handler, to the first
# response and the second response's own time, medians of 5 runs (or of the number given).
# Takes a few minutes; nothing needs to be running first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash local/bootstrap.sh
mvn -B -q package -DskipTests
# COLDSTART_OPTS: e.g. -Dcoldstart.baseline=<another checkout, built> (before/after under the same load),
# -Dcoldstart.classlog=HealthFunction,HoldsFunction (classes loaded by package, first run only),
# -Dcoldstart.functions=CatalogFunction,HoldsFunction (only these functions).
exec java ${COLDSTART_OPTS:-} -cp local-runner/target/local-runner.jar kr.tickets.runner.bench.ColdStartBenchmark "$@"
