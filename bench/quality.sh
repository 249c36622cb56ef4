#!/usr/bin/env bash
# Quality benchmark: 1,000,000 seeded labels (100,000 items, 1,000 annotators, 10 classes). Times Laoshi's
# Dawid–Skene (target <= 10 s) and Krippendorff's nominal alpha (target <= 2 s) in process, then the Python
# references on the same file: a numpy Dawid–Skene (bench/quality_reference.py) and NLTK's alpha on a subset,
# extrapolated. Prints JSON (also saved to bench/out/quality.json); progress goes to stderr.
#   bench/quality.sh                  full size
#   bench/quality.sh --items 10000    smaller
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
"$root/scripts/python-refs.sh" >&2
python=/usr/bin/python3
echo "quality bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.QualityBench/Laoshi.QualityBench.csproj" -c Release -o "$out/quality-bench" -nologo -v quiet -clp:ErrorsOnly >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$out/quality-bench/Laoshi.QualityBench.dll" "$work" "$python" "$root/bench/quality_reference.py" "$@" | tee "$out/quality.json"
