#!/usr/bin/env bash
# Named-entity (ner trainer) benchmark on a CoNLL file: by default ../shared/datasets/ner/ground_truth.txt (CoNLL-2000
# chunking sentences from seqeval's tests: token, POS, gold tag, a predicted tag). Trains on 80 % of the sentences
# (seeded), scores the other 20 % with exact-match span precision/recall/F1, then 5-fold cross-validation, and the
# file's own predicted column on the same held-out sentences for comparison. Builds bench/Laoshi.NerBench in
# Release, prints JSON (also saved to bench/out/ner.json); progress goes to stderr.
#   bench/ner.sh                                        the shared file, seed 1
#   bench/ner.sh --seed 2 --folds 10 --param epochs=20  (also --test-share 0.2, --gold-column 2, --predicted-column 3)
#   bench/ner.sh --file other.conll --gold-column 1 --predicted-column 0
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
file="$root/../shared/datasets/ner/ground_truth.txt"
if [[ "${1:-}" == "--file" ]]; then file="$2"; shift 2; fi
echo "ner bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.NerBench/Laoshi.NerBench.csproj" -c Release -o "$out/ner-bench" -nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$out/ner-bench/Laoshi.NerBench.dll" "$file" "$@" | tee "$out/ner.json"
