#!/usr/bin/env bash
# Regenerates src/Laoshi.Cleaning/Chinese/Tables from OpenCC's dictionaries (Apache-2.0) as Debian packages them
# (packages opencc and libopencc-data): the compiled .ocd2 files are dumped to OpenCC's plain text form
# (KEY<TAB>VALUE[ VALUE...], one line each), sorted so a new OpenCC release shows as a readable diff.
# Only run when updating the tables; building and testing Laoshi needs none of this.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tables="$root/src/Laoshi.Cleaning/Chinese/Tables"
if ! command -v opencc_dict >/dev/null; then
  apt-get install -y opencc libopencc-data >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for name in TSCharacters TSPhrases STCharacters STPhrases; do
  opencc_dict -i "/usr/share/opencc/$name.ocd2" -o "$work/$name.txt" -f ocd2 -t text
  LC_ALL=C sort "$work/$name.txt" > "$tables/$name.txt"
done
cp /usr/share/common-licenses/Apache-2.0 "$tables/LICENSE"
dpkg-query -W -f='OpenCC tables from Debian package libopencc-data ${Version}\n' libopencc-data > "$tables/SOURCE.md"
echo "Upstream: OpenCC (Open Chinese Convert), Copyright 2010-2022 BYVoid and contributors, Apache License 2.0 (LICENSE)." >> "$tables/SOURCE.md"
echo "Dumped with opencc_dict -f ocd2 -t text by scripts/opencc-tables.sh; values list the usual conversion first." >> "$tables/SOURCE.md"
