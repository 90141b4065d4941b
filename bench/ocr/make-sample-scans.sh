#!/usr/bin/env bash
# Regenerates input/scans/ from bench/ocr/sample-book.md (the sample book's pages, front matter included): same seed,
# same files. The OCR bench (run.sh) sets its own pages from bench/ocr/sample-excerpt.md into bench/ocr/out/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet run --project "$here/SampleScans/SampleScans.csproj" -c Release -- \
  "$here/sample-book.md" "$root/input/scans" "" "${1:-1945}"
du -sh "$root/input/scans"
