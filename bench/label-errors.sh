#!/usr/bin/env bash
# Label-error detection benchmark (extra options, e.g. --filter both or --neighbours 0, go to laoshi label-errors): the public sentiment sentences (../shared/datasets/sentiment, all three files,
# 3,000 sentences) with 10 % of the labels flipped (seeded), then `laoshi label-errors --json` with each trainer;
# precision and recall of the returned ranked list against the flipped sentences (goal >= 0.7 each), and of its first
# k entries where k = the number of flipped labels. Prints JSON (also bench/out/label-errors.json); progress on stderr.
#   bench/label-errors.sh                                   default trainers (text-ngram, text-minilm, both averaged)
#   bench/label-errors.sh --trainers text-ngram --noise 0.1 --seed 1 --folds 5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
data="${LAOSHI_SENTIMENT:-$root/../shared/datasets/sentiment}"
trainers="text-ngram text-minilm text-ngram,text-minilm"
noise=0.1 seed=1 folds=5 extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --trainers) trainers="${2//;/ }"; shift 2 ;;
    --noise) noise="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --folds) folds="$2"; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
mkdir -p "$out"
echo "label-errors bench: building (Release)..." >&2
dotnet build "$root/src/Laoshi.Cli/Laoshi.Cli.csproj" -c Release -o "$out/cli" -nologo -v quiet -clp:ErrorsOnly >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The noisy file and the ids whose label was flipped: the same seed gives the same flips.
python3 - "$data" "$noise" "$seed" "$work" <<'PY'
import json, random, sys, pathlib
data, noise, seed, work = pathlib.Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), pathlib.Path(sys.argv[4])
rows = []
for name in ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"]:
    for n, line in enumerate((data / name).read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rstrip().rpartition("\t")
        if text.strip():
            rows.append({"id": f"{name.split('_')[0]}-{n}", "text": text.strip(), "label": "positive" if label.strip() == "1" else "negative"})
rng = random.Random(seed)
flipped = set(rng.sample(range(len(rows)), round(len(rows) * noise)))
with open(work / "noisy.jsonl", "w", encoding="utf-8") as f:
    for i, row in enumerate(rows):
        if i in flipped:
            row = dict(row, label="negative" if row["label"] == "positive" else "positive")
        f.write(json.dumps(row, ensure_ascii=False) + "\n")
json.dump(sorted(rows[i]["id"] for i in flipped), open(work / "flipped.json", "w"))
print(f"{len(rows)} sentences, {len(flipped)} labels flipped", file=sys.stderr)
PY

results=()
for trainer in $trainers; do
  echo "label-errors bench: $trainer ..." >&2
  start=$(date +%s.%N)
  dotnet "$out/cli/laoshi.dll" label-errors --data "$work/noisy.jsonl" --trainer "$trainer" --folds "$folds" --seed "$seed" "${extra[@]}" --json \
    > "$work/$trainer.json"
  end=$(date +%s.%N)
  results+=("$(python3 - "$work/$trainer.json" "$work/flipped.json" "$trainer" "$start" "$end" <<'PY'
import json, sys
found = json.load(open(sys.argv[1]))["suspects"]
flipped = set(json.load(open(sys.argv[2])))
ids = [str(s["id"]) for s in found]
def pr(ids):
    hits = sum(1 for i in ids if i in flipped)
    return (hits / len(ids) if ids else 0.0), hits / len(flipped)
p, r = pr(ids)
pk, rk = pr(ids[:len(flipped)])
print(json.dumps({"trainer": sys.argv[3], "suspects": len(ids), "flipped": len(flipped),
                  "precision": round(p, 4), "recall": round(r, 4),
                  "precision_at_k": round(pk, 4), "recall_at_k": round(rk, 4),
                  "seconds": round(float(sys.argv[5]) - float(sys.argv[4]), 1)}))
PY
)")
done
( IFS=,; echo "{\"dataset\":\"sentiment (3,000 sentences)\",\"noise\":$noise,\"seed\":$seed,\"folds\":$folds,\"results\":[${results[*]}]}" ) \
  | python3 -m json.tool | tee "$out/label-errors.json"
