#!/usr/bin/env bash
# bench/ocr/make-spreads.sh: two-page spreads for run-real.sh's `spreads` set, made from real flatbed pages of the
# phone-scan set (fetched by get-real-scans.sh): two pages side by side, the paper darkening towards the fold as under
# a book scanner's lamp (a shadow 45 % deep at the spine, fading over a tenth of each page), on a dark scanner bed.
# Written to $REAL_SCANS/spreads (outside the repository). Needs ImageMagick's convert.
set -euo pipefail
data="${REAL_SCANS:-/work/data/real-scans}"
out="$data/spreads"
mkdir -p "$out"
command -v convert >/dev/null || { echo "make-spreads: needs ImageMagick (apt-get install imagemagick)" >&2; exit 1; }
pair() { # name left right
  local left="$data/phone-scan/$2.jpg" right="$data/phone-scan/$3.jpg" target="$out/$1.jpg"
  [ -s "$target" ] && return 0
  local w h fade
  w=$(identify -format %w "$left"); h=$(identify -format %h "$left"); fade=$((w / 10))
  # The shadow as a multiply mask: white, darkening to 55 % grey at the fold from both sides.
  convert \( -size "$((w - fade))x1" xc:white \) \( -size "1x$fade" gradient:white-gray55 -rotate -90 +repage \) \
          \( -size "1x$fade" gradient:gray55-white -rotate -90 +repage \) \( -size "$((w - fade))x1" xc:white \) +append +repage \
          -scale "$((2 * w))x$h!" "$out/.mask.png"
  convert "$left" "$right" -resize "x$h!" +append "$out/.mask.png" -compose multiply -composite -compose over \
          -bordercolor gray18 -border 60 -quality 90 "$target.tmp.jpg"
  mv "$target.tmp.jpg" "$target"
  rm -f "$out/.mask.png"
}
pair spread-01-02 0_1_01_3 0_1_02_3
pair spread-03-04 0_1_03_3 0_1_04_3
pair spread-05-07 0_1_05_3 0_1_07_3
pair spread-09-10 0_1_09_3 0_1_10_3
echo "spreads in $out"
