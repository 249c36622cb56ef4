#!/usr/bin/env bash
# Runs every Laoshi test: installs and starts what the tests need (PostgreSQL on 127.0.0.1),
# builds the solution, runs all test projects, and prints "N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

LAOSHI_TEST_POSTGRES="$("$root/scripts/postgres.sh")"
export LAOSHI_TEST_POSTGRES
echo "PostgreSQL for tests: ${LAOSHI_TEST_POSTGRES%%Password=*}..."

"$root/scripts/browser.sh"
"$root/scripts/python-refs.sh"
if [[ -x "$root/scripts/web.sh" ]]; then "$root/scripts/web.sh"; fi

dotnet build Laoshi.slnx -c Release -nologo -v quiet -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test --solution Laoshi.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

total() { grep -E "^\s+$1:\s+[0-9]+" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed="$(total succeeded)"; failed="$(total failed)"; skipped="$(total skipped)"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
  echo "test run failed before reporting failures (exit $status)" >&2
fi
exit "$status"
