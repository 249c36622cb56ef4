#!/usr/bin/env bash
# Cleaning benchmark: exact + near-duplicate detection over 1,000,000 seeded short texts (goal ≤ 60 s on two cores),
# near-duplicate recall against a brute-force check of every pair in a 20,000-text sample (goal ≥ 0.95 for pairs at
# or above the threshold), and PII precision/recall on 20,000 generated labelled texts. Builds
# bench/Laoshi.CleaningBench in Release, prints JSON (also saved to bench/out/clean.json); progress goes to stderr.
#   bench/clean.sh                                  full size, threshold 0.8
#   bench/clean.sh --texts 100000 --threshold 0.7   smaller, another threshold (also --sample N --hashes K --pii N --seed S)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
echo "clean bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.CleaningBench/Laoshi.CleaningBench.csproj" -c Release -o "$out/clean-bench" -nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$out/clean-bench/Laoshi.CleaningBench.dll" "$@" | tee "$out/clean.json"
