#!/usr/bin/env bash
# Latency and throughput of model endpoints through `laoshi latency`, printed as JSON lines:
#  - an uploaded ONNX classifier (MLP 512 -> 256 -> 3, batch 1) at concurrency 1 and 4;
#  - a Label Studio ML backend (tests' python http.server stand-in, no sleep) at concurrency 1 and 4.
# LAOSHI overrides the command (default: ./laoshi, a Release build). Nothing is downloaded.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
laoshi=(${LAOSHI:-$root/laoshi})
work="$(mktemp -d)"
backend_pid=""
cleanup() { [[ -n "$backend_pid" ]] && kill "$backend_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
requests="${REQUESTS:-2000}"

python3 "$root/bench/models/make_models.py" "$work" 1000
cat > "$work/config.xml" <<'XML'
<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/><Choice value="neutral"/></Choices></View>
XML
"${laoshi[@]}" --data "$work/data" project create bench --schema "$work/config.xml" >/dev/null
"${laoshi[@]}" --data "$work/data" import bench "$work/items.jsonl" >/dev/null
"${laoshi[@]}" --data "$work/data" model add bench mlp --file "$work/mlp.onnx" --kind classifier --setting input_field=features >/dev/null

for c in 1 4; do
  "${laoshi[@]}" --data "$work/data" latency --model mlp --project bench --concurrency "$c" --requests "$requests" --json
done

python3 "$root/tests/Laoshi.Learning.Tests/Backend/ls_backend.py" > "$work/port" &
backend_pid=$!
for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
url="http://127.0.0.1:$(head -1 "$work/port")/"
for c in 1 4; do
  "${laoshi[@]}" --data "$work/data" latency --model "$url" --project bench --concurrency "$c" --requests "$((requests / 4))" --json
done
