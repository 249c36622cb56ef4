"""Python references for bench/quality.sh, timed on the same JSONL as Laoshi.

  quality_reference.py dawid-skene FILE ITERATIONS
      A plain numpy Dawid–Skene written for this bench (no maintained library ships one in Debian): the same
      model as Laoshi's (majority-vote shares to start, smoothing 0.01 on confusion cells and priors), run for
      the same number of EM iterations, vectorised with bincount. Prints its time and its labels.
  quality_reference.py alpha FILE
      NLTK's AnnotationTask.alpha (binary_distance = nominal) on FILE.
"""
import json
import sys
import time


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dawid_skene(path, iterations):
    import numpy as np
    t0 = time.perf_counter()
    rows = read(path)
    read_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    items, item = np.unique([r["item"] for r in rows], return_inverse=True)
    # Items in first-seen order, as Laoshi keeps them.
    first = {}
    for r in rows:
        first.setdefault(r["item"], len(first))
    order = np.array([first[i] for i in items])
    item = order[item]
    _, annotator = np.unique([r["annotator"] for r in rows], return_inverse=True)
    labels, label = np.unique([r["label"] for r in rows], return_inverse=True)
    n, a, k = len(items), annotator.max() + 1, len(labels)
    smoothing = 0.01
    posterior = np.bincount(item * k + label, minlength=n * k).reshape(n, k).astype(float)
    posterior /= posterior.sum(axis=1, keepdims=True)
    cell = annotator * k + label
    for _ in range(iterations):
        prior = (posterior.sum(axis=0) + smoothing) / (n + k * smoothing)
        counts = np.stack([np.bincount(cell, weights=posterior[item, c], minlength=a * k) for c in range(k)], axis=1)
        counts = counts.reshape(a, k, k) + smoothing                     # [annotator, said, truth]
        log_confusion = np.log(counts / counts.sum(axis=1, keepdims=True)).reshape(a * k, k)
        contributions = log_confusion[cell]                                  # [rating, truth]
        score = np.stack([np.bincount(item, weights=contributions[:, c], minlength=n) for c in range(k)], axis=1)
        score += np.log(prior)
        score -= score.max(axis=1, keepdims=True)
        posterior = np.exp(score)
        posterior /= posterior.sum(axis=1, keepdims=True)
    seconds = time.perf_counter() - t0
    best = posterior.argmax(axis=1)
    print(json.dumps({
        "read_jsonl_seconds": round(read_seconds, 4),
        "dawid_skene_seconds": round(seconds, 4),
        "iterations": iterations,
        "labels": [str(labels[b]) for b in best],
    }))


def alpha(path):
    from nltk.metrics.agreement import AnnotationTask
    rows = read(path)
    t0 = time.perf_counter()
    value = AnnotationTask(data=[(r["annotator"], r["item"], r["label"]) for r in rows]).alpha()
    print(json.dumps({"labels": len(rows), "alpha": value, "alpha_seconds": round(time.perf_counter() - t0, 4)}))


if sys.argv[1] == "dawid-skene":
    dawid_skene(sys.argv[2], int(sys.argv[3]))
else:
    alpha(sys.argv[2])
