#!/usr/bin/env bash
# Detection benchmark: COCO-style evaluation of 5,000 images, 36,000 ground-truth boxes and 100 detections per
# image (goal: <= 5 s from files to result on 2 cores), VOC AP on the same boxes, and pycocotools on the same files
# when it is installed (it is not among Debian's packages, so usually it is reported as unavailable).
# Prints JSON (also saved to bench/out/detection.json); progress goes to stderr.
#   bench/detection.sh                              full size
#   bench/detection.sh --images 500 --boxes 3600    smaller
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
mkdir -p "$out"
echo "detection bench: building (Release)..." >&2
dotnet build "$root/bench/Laoshi.DetectionBench/Laoshi.DetectionBench.csproj" -c Release -o "$out/detection-bench" -nologo -v quiet -clp:ErrorsOnly >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet "$out/detection-bench/Laoshi.DetectionBench.dll" "$work" /usr/bin/python3 "$root/bench/detection_reference.py" "$@" | tee "$out/detection.json"
