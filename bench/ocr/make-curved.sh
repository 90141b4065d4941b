#!/usr/bin/env bash
# bench/ocr/make-curved.sh: curved pages for run-real.sh's `curved` set, made from real flat book pages of leptonica's
# test images (fetched by get-real-scans.sh; the phone-scan set's pages are forms, with too few full lines for a
# model of the page's lines): each page bent as a book's page bends towards its spine (on the left) — every
# line sinks and the lines above and below the middle splay apart, the more the nearer the spine (a displacement
# growing with the square of the distance from the outer edge: up to 2 % of the page's height for the sink, 1.5 % for
# the splay) — in a cubic polynomial warp. Written to $REAL_SCANS/curved (outside the repository). Needs ImageMagick.
set -euo pipefail
data="${REAL_SCANS:-/work/data/real-scans}"
out="$data/curved"
mkdir -p "$out"
command -v convert >/dev/null || { echo "make-curved: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }
bend() { # folder/file under $data
  local source="$data/$1" name
  name="$(basename "${1%.*}")"
  local target="$out/curved-$name.jpg"
  [ -s "$target" ] && return 0
  local w h points
  w=$(identify -format %w "$source"); h=$(identify -format %h "$source")
  # Control points on a 7 × 7 grid: where each point of the bent page (x, y) takes its pixel from on the flat one.
  points=$(python3 - "$w" "$h" <<'PY'
import sys
w, h = map(float, sys.argv[1:])
pairs = []
for i in range(7):
    for j in range(7):
        x, y = w * i / 6, h * j / 6
        s = (1 - x / w) ** 2
        dy = s * (0.02 * h + 0.015 * h * (y - h / 2) / (h / 2))
        pairs.append(f"{x:.1f},{y - dy:.1f} {x:.1f},{y:.1f}")
print(" ".join(pairs))
PY
)
  convert "$source" -colorspace gray -virtual-pixel white -distort Polynomial "3 $points" -quality 92 "$target.tmp.jpg"
  mv "$target.tmp.jpg" "$target"
}
for page in leptonica/feyn.tif leptonica/lucasta.047.jpg; do bend "$page"; done
echo "curved pages in $out"
