"""pycocotools' COCOeval on the benchmark's files, timed from file to result; prints one JSON line.
When pycocotools is missing (it is not among Debian's packages), prints {"available": false, ...} instead."""
import json
import sys
import time

try:
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
except ImportError as e:
    print(json.dumps({"available": False, "why": f"pycocotools is not installed ({e})"}))
    sys.exit(0)

import contextlib
import io

start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    truth = COCO(sys.argv[1])
    detections = truth.loadRes(sys.argv[2])
    evaluation = COCOeval(truth, detections, "bbox")
    evaluation.evaluate()
    evaluation.accumulate()
    evaluation.summarize()
elapsed = time.perf_counter() - start
print(json.dumps({"available": True, "file_to_result_s": round(elapsed, 3), "AP": evaluation.stats[0],
                  "AP50": evaluation.stats[1], "AR100": evaluation.stats[8]}))
