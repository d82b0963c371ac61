#!/usr/bin/env bash
# Runs schemathesis, an outside API checker, against the local service and docs/openapi.yaml:
# every check, a bounded number of generated requests per operation with a fixed seed, once
# as a fresh USER (every operation that is not for admins: the public, auth, profile, booking
# and payment routes) and once as the local ADMIN (the admin operations). Exits non-zero on any
# failure.
#
#   local/schemathesis.sh                       # starts the service on free ports, stops it after
#   local/schemathesis.sh http://127.0.0.1:3000 # uses a service that is already running
#
# Bounds (environment): ST_MAX_EXAMPLES (per operation and phase, default 20), ST_SEED
# (default 20261001), ST_REQUEST_TIMEOUT (seconds per request, default 20), ST_WORKERS
# (parallel requests, default 1). Reports (JUnit, NDJSON) go to ST_REPORT_DIR (default
# target/schemathesis). The exclusions and their reasons are in local/schemathesis.toml. Needs local-runner/target/local-runner.jar (mvn package) and
# .venv/schemathesis (local/bootstrap.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
st="$root/.venv/schemathesis/bin/st"
max_examples="${ST_MAX_EXAMPLES:-20}"
# One worker: with two, hypothesis's ast.parse calls from two threads at once hit a CPython 3.11
# race ("SystemError: AST constructor recursion depth mismatch") and fail an operation at random.
workers="${ST_WORKERS:-1}"
seed="${ST_SEED:-20261001}"
request_timeout="${ST_REQUEST_TIMEOUT:-20}"
report_dir="${ST_REPORT_DIR:-$root/target/schemathesis}"
mkdir -p "$report_dir"

runner_pid=""
stop_runner() {
  if [[ -n "$runner_pid" ]] && kill -0 "$runner_pid" 2>/dev/null; then
    kill "$runner_pid" 2>/dev/null || true
    wait "$runner_pid" 2>/dev/null || true
  fi
}
trap stop_runner EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ $# -ge 1 ]]; then
  base_url="${1%/}"
else
  port="$(free_port)"
  moto_port="$(free_port)"
  toss_port="$(free_port)"
  log="$report_dir/local-runner.log"
  echo "== starting the local service on port $port (log: $log)"
  PORT="$port" MOTO_PORT="$moto_port" TOSS_PORT="$toss_port" LAMBDA_PORT=0 \
    java -jar local-runner/target/local-runner.jar > "$log" 2>&1 &
  runner_pid=$!
  base_url="http://127.0.0.1:$port"
  # The runner serves /health once every function is loaded; it prints this line after the
  # demo catalog is in, which gives schemathesis real ids to stumble on.
  for _ in $(seq 1 600); do
    if grep -qs "Press Ctrl+C to stop." "$log"; then
      break
    fi
    if ! kill -0 "$runner_pid" 2>/dev/null; then
      cat "$log" >&2
      echo "the local service did not start" >&2
      exit 1
    fi
    sleep 0.5
  done
  grep -q "Press Ctrl+C to stop." "$log" || { echo "the local service did not start in 300 s" >&2; exit 1; }
fi

# POSTs JSON and prints one member of the JSON answer.
post_json() {
  python3 - "$base_url$1" "$2" "$3" <<'PY'
import json, sys, urllib.request
url, body, member = sys.argv[1:4]
req = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req, timeout=30))[member])
PY
}

# A fresh user every run, so uniqueness (email, phone) never trips over an earlier run.
suffix="$(python3 -c 'import random; print(random.randrange(10**7, 10**8))')"
user_email="st-$suffix@example.com"
user_password="St!pass-$suffix"
post_json /auth/signup "{\"name\":\"스키마\",\"email\":\"$user_email\",\"password\":\"$user_password\",\"phone\":\"010-${suffix:0:4}-${suffix:4:4}\"}" userId > /dev/null
user_token="$(post_json /auth/login "{\"email\":\"$user_email\",\"password\":\"$user_password\"}" accessToken)"
admin_token="$(post_json /auth/login '{"email":"admin@tickets.local","password":"Admin!2345"}' accessToken)"

# The operations that need role ADMIN. A user's token gets a 403 there, which the user pass
# would only repeat for each of them; the admin pass tests them with the token they are for.
admin_ops='^(listPolicies|listPolicyAudit|updatePolicy.*|createVenue|createPerformance|updatePerformance|deletePerformance|addSchedule|updateSchedule|deleteSchedule|listScheduleBookings|adminCancelBooking)$'

status=0
for who in user admin; do
  if [[ "$who" == user ]]; then
    token="$user_token"; select=(--exclude-operation-id-regex "$admin_ops")
  else
    token="$admin_token"; select=(--include-operation-id-regex "$admin_ops")
  fi
  echo "== schemathesis as $who against $base_url (max $max_examples examples per operation, seed $seed)"
  start=$(date +%s)
  if ! "$st" --config-file "$root/local/schemathesis.toml" run docs/openapi.yaml \
      --url "$base_url" \
      --checks all \
      --exclude-checks use_after_free \
      --max-examples "$max_examples" \
      --seed "$seed" \
      --generation-database none \
      --request-timeout "$request_timeout" \
      --workers "$workers" \
      "${select[@]}" \
      --no-color \
      --header "Authorization: Bearer $token" \
      --report junit,ndjson \
      --report-junit-path "$report_dir/junit-$who.xml" \
      --report-ndjson-path "$report_dir/events-$who.ndjson"; then
    status=1
  fi
  echo "== schemathesis as $who took $(( $(date +%s) - start )) s"
done
exit "$status"
