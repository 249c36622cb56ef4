#!/usr/bin/env bash
# Laoshi's benchmarks in one command: builds the laoshi command and the benchmark in Release, runs them, and
# prints a JSON document of the figures (also saved to bench/out/results.json). Progress goes to stderr.
#   bench/run.sh                   full sizes (1,000,000 items, a 500 MB Label Studio file): several minutes
#   bench/run.sh --quick           smoke run with 20,000 items
#   bench/run.sh --items 200000 --only import,load      see --help for every option
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"

if ! command -v dotnet >/dev/null; then
  echo "bench: the .NET SDK (dotnet) is needed" >&2
  exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "bench: python3 is needed for the import reference figure" >&2
  exit 1
fi

echo "bench: building laoshi and the benchmark (Release)..." >&2
dotnet build "$root/src/Laoshi.Cli/Laoshi.Cli.csproj" -c Release -o "$out/cli" -nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Laoshi.Bench/Laoshi.Bench.csproj" -c Release -o "$out/bench" -nologo -v quiet -clp:ErrorsOnly >&2

cd "$root"
exec dotnet "$out/bench/Laoshi.Bench.dll" --cli "$out/cli/laoshi.dll" "$@"
