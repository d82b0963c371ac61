#!/usr/bin/env bash
# Creates the project-local Python virtualenvs: .venv (moto) with .venv/lint (cfn-lint, SAM CLI),
# .venv/checkov and .venv/schemathesis (the outside checkers of ./test.sh).
# Idempotent: each venv is reinstalled only when its own requirements file(s) changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"

stamp="$venv/.requirements.sha256"
want="$(cat "$root/local/requirements.txt" "$root/local/requirements-lint.txt" | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "Setting up $venv (moto, cfn-lint, SAM CLI) ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements.txt"
  # SAM CLI pins its own cfn-lint; it gets a venv of its own so neither pin breaks the other.
  python3 -m venv "$venv/lint"
  "$venv/lint/bin/pip" install --quiet --disable-pip-version-check -r "$root/local/requirements-lint.txt"
  echo "$want" > "$stamp"
fi

# checkov and schemathesis each pin their own versions of libraries the others use too: each
# gets a venv of its own, keyed on its own requirements file, so a change of one pin does not
# reinstall the rest (and the local stack, which runs this script at every start, stays quick).
own_venv() {
  local name="$1" tool="$2" requirements="$root/local/requirements-$1.txt"
  local dir="$venv/$name"
  local own_stamp="$dir/.requirements.sha256"
  local own_want
  own_want="$(sha256sum < "$requirements" | cut -d' ' -f1)"
  if [[ -x "$dir/bin/$tool" && -f "$own_stamp" && "$(cat "$own_stamp")" == "$own_want" ]]; then
    return 0
  fi
  echo "Setting up $dir ($name) ..." >&2
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  echo "$own_want" > "$own_stamp"
}
own_venv checkov checkov
own_venv schemathesis st
