#!/usr/bin/env bash
# Training benchmark: every text classifier in TrainerCatalog.CreateDefault() (text-ngram once per learner, text-minilm
# when present) on the public sentiment sentences (../shared/datasets/sentiment: 3,000 sentences from amazon, imdb and
# yelp), 20 % held out (stratified, seed 1): held-out accuracy, f1_macro, roc_auc_macro, training seconds and
# predictions per second. Prints JSON (also bench/out/train.json); progress goes to stderr.
#   bench/train.sh                                   every text trainer, defaults
#   bench/train.sh --trainer text-ngram --param char_ngrams=4   one trainer, changed parameters
#   bench/train.sh --seed 2 --test-share 0.3
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${LAOSHI_SENTIMENT:-$root/../shared/datasets/sentiment}"
out="$root/bench/out"
mkdir -p "$out"
echo "train bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.TrainingBench/Laoshi.TrainingBench.csproj" -c Release -o "$out/train-bench" -nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$out/train-bench/Laoshi.TrainingBench.dll" "$data" "$@" | tee "$out/train.json"
