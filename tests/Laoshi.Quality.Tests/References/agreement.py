"""Reference agreement figures from the libraries Laoshi is checked against.

usage: agreement.py batch   (stdin: one JSON array of arguments a line, e.g. ["alpha", "FILE", "interval"])
       agreement.py cohen FILE [none|linear|quadratic]
       agreement.py fleiss FILE
       agreement.py alpha FILE nominal|ordinal|interval|ratio
FILE is JSON lines {"item", "annotator", "label"}. Prints {"value": ...}.
"""
import json
import math
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cohen(rows, weights):
    from sklearn.metrics import cohen_kappa_score
    annotators = sorted({r["annotator"] for r in rows})
    if len(annotators) != 2:
        raise SystemExit(f"cohen needs two annotators, got {len(annotators)}")
    first = {r["item"]: r["label"] for r in rows if r["annotator"] == annotators[0]}
    second = {r["item"]: r["label"] for r in rows if r["annotator"] == annotators[1]}
    items = [i for i in first if i in second]
    return cohen_kappa_score([first[i] for i in items], [second[i] for i in items],
                             weights=None if weights == "none" else weights)


def fleiss(rows):
    import numpy as np
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
    by_item = {}
    for r in rows:
        by_item.setdefault(r["item"], []).append(r["label"])
    table, _ = aggregate_raters(np.array(list(by_item.values())))
    return fleiss_kappa(table, method="fleiss")


def alpha(rows, level):
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance
    if level == "nominal":
        distance = binary_distance
    elif level == "interval":
        distance = interval_distance
    elif level == "ratio":
        distance = lambda a, b: 0.0 if a + b == 0 else ((a - b) / (a + b)) ** 2
    elif level == "ordinal":
        # Krippendorff's ordinal distance from the frequencies of the pairable values (items with >= 2 labels).
        per_item = {}
        for r in rows:
            per_item.setdefault(r["item"], []).append(r["label"])
        freq = {}
        for labels in per_item.values():
            if len(labels) >= 2:
                for v in labels:
                    freq[v] = freq.get(v, 0) + 1
        values = sorted(freq)

        def distance(a, b):
            low, high = min(a, b), max(a, b)
            between = sum(freq[v] for v in values if low <= v <= high)
            return (between - (freq[a] + freq[b]) / 2) ** 2
    else:
        raise SystemExit(f"unknown level {level}")
    task = AnnotationTask(data=[(r["annotator"], r["item"], r["label"]) for r in rows], distance=distance)
    return task.alpha()


def compute(arguments):
    metric, path = arguments[0], arguments[1]
    rows = read(path)
    if metric == "cohen":
        value = cohen(rows, arguments[2] if len(arguments) > 2 else "none")
    elif metric == "fleiss":
        value = fleiss(rows)
    elif metric == "alpha":
        value = alpha(rows, arguments[2])
    else:
        raise SystemExit(f"unknown metric {metric}")
    value = float(value)
    return {"value": None if math.isnan(value) else value}


def main():
    # Batches spare a Python start (and a scikit-learn import) per figure.
    if sys.argv[1] == "batch":
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(compute(json.loads(line))))
    else:
        print(json.dumps(compute(sys.argv[1:])))


main()
