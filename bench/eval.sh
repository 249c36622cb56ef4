#!/usr/bin/env bash
# Evaluation metrics benchmark: classification metrics on 10,000,000 seeded predictions of 5 classes with a
# probability per class (goal <= 3 s), timed in process ("compute": accuracy, P/R/F1 per class and averaged,
# confusion, ROC-AUC and PR-AUC per class, ECE) and from the two JSONL files ("file": reading both and the metrics),
# then scikit-learn on the same files (reading timed apart from computing). Prints JSON (also bench/out/eval.json);
# progress goes to stderr. The detection benchmark is bench/detection.sh.
#   bench/eval.sh                     full size
#   bench/eval.sh --rows 1000000      smaller
#   bench/eval.sh --skip-python       Laoshi only
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
"$root/scripts/python-refs.sh" >&2
python=/usr/bin/python3
echo "eval bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.EvalBench/Laoshi.EvalBench.csproj" -c Release -o "$out/eval-bench" -nologo -v quiet -clp:ErrorsOnly >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$out/eval-bench/Laoshi.EvalBench.dll" "$work" "$python" "$root/bench/eval_reference.py" "$@" | tee "$out/eval.json"
