"""Reference for HashedTfIdf + LabelCentroids: scikit-learn's TfidfVectorizer (smooth idf, L2 norm) over documents
given as term lists, then each document's cosine similarity to the mean of the unit vectors.
stdin: {"documents": [[term, ...], ...]}  stdout: {"similarities": [s, ...]}"""
import json
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

documents = json.load(sys.stdin)["documents"]
vectors = TfidfVectorizer(analyzer=lambda terms: terms).fit_transform(documents).toarray()
centre = vectors.mean(axis=0)
centre = centre / np.linalg.norm(centre)
print(json.dumps({"similarities": [float(v @ centre) for v in vectors]}))
