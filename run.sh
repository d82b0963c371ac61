#!/usr/bin/env bash
# Runs the whole service on this machine: moto (the AWS emulator) with every table and secret
# of template.yaml, every function of template.yaml behind a local API Gateway on
# http://localhost:${PORT:-3000}, the Toss sandbox (with its payment window) on
# http://localhost:${TOSS_PORT:-5070}, and the local admin account. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")"
bash local/bootstrap.sh
echo "Building the functions (mvn package) ..."
mvn -B -q package -DskipTests
exec java -jar local-runner/target/local-runner.jar
