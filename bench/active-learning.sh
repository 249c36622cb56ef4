#!/usr/bin/env bash
# Active-learning benchmark: replays labelling of the public sentiment sentences (../shared/datasets/sentiment, 3,000
# sentences from Amazon, IMDb and Yelp; 20 % held out) with `laoshi simulate active-learning` for every strategy, and
# reports, per trainer and strategy, how many labels it needed to reach the accuracy random sampling has at the end of
# the budget (the learning curves averaged over the seeds first). Goal: the active strategies need >= 30 % fewer.
# Prints JSON (also saved to bench/out/active-learning.json); progress goes to stderr.
#   bench/active-learning.sh                                   text-ngram, seeds 1 2 3, batch 50, budget 1000
#   TRAINERS="text-ngram text-minilm" SEEDS="1 2" BATCH=100 BUDGET=1200 RANDOM_SHARE=0.1 bench/active-learning.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
data="${DATA:-$root/../shared/datasets/sentiment}"
trainers="${TRAINERS:-text-ngram}"
strategies="${STRATEGIES:-random least-confidence margin entropy diversity}"
seeds="${SEEDS:-1 2 3}"
batch="${BATCH:-50}"
budget="${BUDGET:-1000}"
initial="${INITIAL:-$batch}"
share="${RANDOM_SHARE:-0}"
mkdir -p "$out"
echo "active-learning bench: building the CLI (Release)..." >&2
dotnet build "$root/src/Laoshi.Cli/Laoshi.Cli.csproj" -c Release -o "$out/al-cli" -nologo -v quiet -clp:ErrorsOnly >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The three "sentence<TAB>0|1" files as one JSONL data file.
python3 - "$data" "$work/sentiment.jsonl" <<'PY'
import glob, json, os, sys
rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*_labelled.txt"))):
    source = os.path.basename(path).split("_")[0]
    for i, line in enumerate(open(path, encoding="utf-8")):
        if not line.strip(): continue
        text, label = line.rstrip("\n").rsplit("\t", 1)
        rows.append({"id": f"{source}-{i}", "text": text.strip(), "label": "positive" if label.strip() == "1" else "negative"})
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row in rows: out.write(json.dumps(row, ensure_ascii=False) + "\n")
PY

for trainer in $trainers; do
  for strategy in $strategies; do
    for seed in $seeds; do
      echo "  $trainer $strategy seed $seed..." >&2
      started=$(date +%s.%N)
      the_share="$share"; [[ "$strategy" == random ]] && the_share=0
      dotnet "$out/al-cli/laoshi.dll" simulate active-learning --data "$work/sentiment.jsonl" --trainer "$trainer" --strategy "$strategy" \
        --seed "$seed" --batch "$batch" --budget "$budget" --initial "$initial" --random-share "$the_share" --json \
        > "$work/$trainer.$strategy.$seed.json" 2>/dev/null
      echo "$(date +%s.%N) - $started" | bc > "$work/$trainer.$strategy.$seed.seconds"
    done
  done
done

python3 - "$work" "$trainers" "$strategies" "$seeds" "$batch" "$budget" "$initial" "$share" <<'PY' | tee "$out/active-learning.json"
import json, os, sys
work, trainers, strategies, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4].split()
batch, budget, initial, share = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
result = {"data": "sentiment (amazon + imdb + yelp, 3,000 sentences, 20 % held out)", "seeds": [int(s) for s in seeds],
          "batch": batch, "budget": budget, "initial": initial, "random_share": share, "goal_fewer_labels": 0.3, "trainers": {}}
for trainer in trainers:
    curves = {}
    for strategy in strategies:
        runs = [json.load(open(os.path.join(work, f"{trainer}.{strategy}.{seed}.json")))["curve"] for seed in seeds]
        seconds = [float(open(os.path.join(work, f"{trainer}.{strategy}.{seed}.seconds")).read()) for seed in seeds]
        labels = [p["labels"] for p in runs[0]]
        curves[strategy] = {"labels": labels,
                            "accuracy": [sum(r[i]["accuracy"] for r in runs) / len(runs) for i in range(len(labels))],
                            "f1_macro": [sum(r[i]["f1_macro"] for r in runs) / len(runs) for i in range(len(labels))],
                            "seconds": sum(seconds) / len(seconds)}
    target = curves["random"]["accuracy"][-1]
    random_labels = curves["random"]["labels"][-1]
    rows = {}
    for strategy, curve in curves.items():
        needed = next((n for n, a in zip(curve["labels"], curve["accuracy"]) if a >= target - 1e-12), None)
        rows[strategy] = {
            "labels_to_reach_random_final": needed,
            "fewer_labels_than_random": None if needed is None else round(1 - needed / random_labels, 4),
            "final_accuracy": round(curve["accuracy"][-1], 4),
            "final_f1_macro": round(curve["f1_macro"][-1], 4),
            "seconds_per_run": round(curve["seconds"], 1),
            "curve": [{"labels": n, "accuracy": round(a, 4), "f1_macro": round(f, 4)} for n, a, f in zip(curve["labels"], curve["accuracy"], curve["f1_macro"])],
        }
    result["trainers"][trainer] = {"random_final_accuracy": round(target, 4), "random_labels": random_labels, "strategies": rows}
print(json.dumps(result, indent=2))
PY
