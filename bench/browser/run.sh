#!/usr/bin/env bash
# Measures the workspace in a real browser: submit-to-next-item latency over a 100,000-item project, the
# work per mouse move while dragging a box among 500 regions, and the data page's first and next pages over a
# 1,000,000-item project, plain and filtered. Prints JSON and saves bench/out/browser.json.
#   bench/browser/run.sh [--items N] [--submits N] [--regions N] [--grid-items N] [--only submit,drag,grid]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/scripts/browser.sh"
"$root/scripts/web.sh"
dotnet build "$root/bench/browser/Laoshi.Bench.Browser.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p "$root/bench/out"
dotnet "$root/bench/browser/bin/Release/net10.0/Laoshi.Bench.Browser.dll" --web "$root/web/dist" "$@" | tee "$root/bench/out/browser.json"
