"""Reference figures for Laoshi.Evaluation's tests, from scikit-learn and statsmodels.

Reads one JSON job a line on stdin and writes one JSON result a line on stdout.
"""
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")


def classification(job):
    from sklearn import metrics
    from sklearn.preprocessing import MultiLabelBinarizer

    labels = job["labels"]
    truth, pred = job["truth"], job["pred"]
    out = {}
    if job["multi_label"]:
        binarizer = MultiLabelBinarizer(classes=labels)
        y_true = binarizer.fit_transform(truth)
        y_pred = binarizer.transform(pred)
        averages = ["macro", "micro", "weighted", "samples"]
    else:
        y_true = np.array([t[0] for t in truth], dtype=object)
        y_pred = np.array([p[0] if p else "\u0000none" for p in pred], dtype=object)
        averages = ["macro", "micro", "weighted"]
        out["confusion"] = metrics.confusion_matrix(y_true, y_pred, labels=labels).tolist()
    out["accuracy"] = metrics.accuracy_score(y_true, y_pred)
    for average in averages:
        p, r, f, _ = metrics.precision_recall_fscore_support(y_true, y_pred, labels=list(range(len(labels))) if job["multi_label"] else labels,
                                                             average=average, zero_division=0)
        out[f"precision_{average}"], out[f"recall_{average}"], out[f"f1_{average}"] = p, r, f
    p, r, f, s = metrics.precision_recall_fscore_support(y_true, y_pred, labels=list(range(len(labels))) if job["multi_label"] else labels,
                                                         average=None, zero_division=0)
    out["per_class"] = {label: {"precision": p[i], "recall": r[i], "f1": f[i], "support": int(s[i])} for i, label in enumerate(labels)}
    if job.get("scores") is not None:
        scores = np.array(job["scores"], dtype=float)
        indicator = y_true if job["multi_label"] else np.array([[1 if t == label else 0 for label in labels] for t in y_true])
        rocs, aps = [], []
        for i, label in enumerate(labels):
            column = indicator[:, i]
            if 0 < column.sum() < len(column):
                out["per_class"][label]["roc_auc"] = metrics.roc_auc_score(column, scores[:, i])
                rocs.append(out["per_class"][label]["roc_auc"])
            if column.sum() > 0:
                out["per_class"][label]["pr_auc"] = metrics.average_precision_score(column, scores[:, i])
                aps.append(out["per_class"][label]["pr_auc"])
        out["roc_auc_macro"] = float(np.mean(rocs))
        out["pr_auc_macro"] = float(np.mean(aps))
        if job["multi_label"]:
            out["roc_auc_macro_sklearn"] = metrics.roc_auc_score(y_true, scores, average="macro")
            confidence, correct = scores.ravel(), indicator.ravel() == 1
        else:
            if len(labels) > 2 and job.get("probabilities"):
                out["roc_auc_macro_sklearn"] = metrics.roc_auc_score(y_true, scores, multi_class="ovr", average="macro", labels=labels)
            elif len(labels) == 2:
                out["roc_auc_macro_sklearn"] = metrics.roc_auc_score(indicator[:, 1], scores[:, 1])
            index = [labels.index(p) for p in y_pred]
            confidence = scores[np.arange(len(index)), index]
            correct = y_pred == y_true
        bins = job["bins"]
        which = np.clip((confidence * bins).astype(int), 0, bins - 1)
        ece = 0.0
        for b in range(bins):
            mask = which == b
            if mask.any():
                ece += mask.sum() / len(confidence) * abs(correct[mask].mean() - confidence[mask].mean())
        out["ece"] = ece
    return out


def mcnemar(job):
    from statsmodels.stats.contingency_tables import mcnemar as test

    result = test([[0, job["b"]], [job["c"], 0]], exact=job["exact"], correction=job.get("correction", True))
    return {"statistic": float(result.statistic), "pvalue": float(result.pvalue)}


def distributions(job):
    from scipy import stats

    return {"chi2_sf": [float(stats.chi2.sf(x, job["df"])) for x in job["x"]],
            "binom_cdf": [float(stats.binom.cdf(k, n, p)) for k, n, p in job["binom"]]}


def main():
    kinds = {"classification": classification, "mcnemar": mcnemar, "distributions": distributions}
    for line in sys.stdin:
        if line.strip():
            job = json.loads(line)
            print(json.dumps(kinds[job["kind"]](job), default=float), flush=True)


if __name__ == "__main__":
    main()
