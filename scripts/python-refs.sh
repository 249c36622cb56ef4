#!/usr/bin/env bash
# Installs the Python references that the agreement tests compare against (Debian's scikit-learn, statsmodels
# and NLTK for /usr/bin/python3). Idempotent: does nothing when they are already importable.
set -euo pipefail
python=/usr/bin/python3
if [[ -x "$python" ]] && "$python" -c 'import sklearn, statsmodels, nltk' 2>/dev/null; then exit 0; fi
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then as_root=(sudo); fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn python3-statsmodels python3-nltk >/dev/null
"$python" -c 'import sklearn, statsmodels, nltk'
echo "Python references installed (scikit-learn, statsmodels, NLTK)"
