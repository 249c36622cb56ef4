"""scikit-learn on the files bench/eval.sh writes: reading them, then the same figures Laoshi computes.

Prints {"read_seconds", "compute_seconds", "accuracy", "f1_macro", ...} as JSON.
"""
import json
import sys
import time

import numpy as np
from sklearn import metrics


def main(truth_path, pred_path):
    start = time.perf_counter()
    with open(truth_path, encoding="utf-8") as f:
        truth = [json.loads(line)["label"] for line in f]
    pred, scores, labels = [], [], None
    with open(pred_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if labels is None:
                labels = sorted(row["scores"])
            pred.append(row["label"])
            scores.append([row["scores"][label] for label in labels])
    y_true, y_pred, y_score = np.array(truth), np.array(pred), np.array(scores)
    read = time.perf_counter() - start

    start = time.perf_counter()
    out = {"accuracy": metrics.accuracy_score(y_true, y_pred)}
    for average in ("macro", "micro", "weighted"):
        p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, average=average, zero_division=0)
        out[f"precision_{average}"], out[f"recall_{average}"], out[f"f1_{average}"] = p, r, f
    metrics.precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0)
    metrics.confusion_matrix(y_true, y_pred, labels=labels)
    indicator = np.stack([y_true == label for label in labels], axis=1)
    out["roc_auc_macro"] = float(np.mean([metrics.roc_auc_score(indicator[:, k], y_score[:, k]) for k in range(len(labels))]))
    out["pr_auc_macro"] = float(np.mean([metrics.average_precision_score(indicator[:, k], y_score[:, k]) for k in range(len(labels))]))
    out["compute_seconds"] = round(time.perf_counter() - start, 3)
    out["read_seconds"] = round(read, 3)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
