#!/usr/bin/env bash
# Every benchmark in one run on this machine: OCR against the Tesseract CLI and OCRmyPDF, cleanup on real OCR errors,
# morphology against az (node), PDF against pandoc + XeLaTeX, EPUB against pandoc, the review page against its targets.
# Each writes its own results.md; peers are installed by each script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "# $(date -u +%Y-%m-%d) on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p'))"
for bench in ocr cleanup morphology pdf epub review; do
  echo "## $bench"
  "$here/$bench/run.sh"
done
