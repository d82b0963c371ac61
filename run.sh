#!/usr/bin/env bash
# Runs the whole service on this machine: moto (the AWS emulator) with every table and secret
# of template.yaml, every function of template.yaml behind a local API Gateway on
# http://localhost:${PORT:-3000}, the Toss sandbox (with its payment window) on
# http://localhost:${TOSS_PORT:-5070}, the local admin account, and the web client (built
# here into web/dist) on the API's origin; the runner prints its URL. Ctrl+C stops it all.
set -euo pipefail
cd "$(dirname "$0")"
bash local/bootstrap.sh
echo "Building the functions (mvn package) ..."
mvn -B -q package -DskipTests
echo "Building the web client (npm ci, npm run build) ..."
(cd web && npm ci && npm run build)
exec java -jar local-runner/target/local-runner.jar
