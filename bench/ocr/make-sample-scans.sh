#!/usr/bin/env bash
# Regenerates input/scans/ from bench/ocr/sample-excerpt.md: same seed, same files.
# Also writes bench/ocr/out/scans.pdf (the same pages as a PDF of scans) for the OCRmyPDF comparison.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$here/out"
dotnet run --project "$here/SampleScans/SampleScans.csproj" -c Release -- \
  "$here/sample-excerpt.md" "$root/input/scans" "$here/out/scans.pdf" "${1:-1945}"
du -sh "$root/input/scans"
