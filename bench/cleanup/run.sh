#!/usr/bin/env bash
# Cleanup on real OCR errors: Russian prose from Debian packages (and public-domain literature when present, see the
# README) set as book pages in several faces, scanned with real-world faults, read by our `ocr` and the tesseract CLI,
# cleaned by `typeset clean`, scored against the text. Usage: bench/cleanup/run.sh [dev|test|all] [--no-clean-text]
# ("all", the default, writes bench/cleanup/results.md). Scans and OCR are cached in bench/cleanup/cache/ by content:
# after a cleanup change, `bench/cleanup/run.sh dev` re-scores in seconds. `--reuse-ocr` (or BENCH_REUSE_OCR=1) keeps
# the cached OCR of the same page images after the OCR sources changed (no ~35-min re-OCR); the results header says so.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$here/prerequisites.sh"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
"$root/typeset" --help >/dev/null  # builds the CLI when its sources changed; the bench runs the built CLI
dotnet build -c Release -v q -nologo "$here/../ocr/SampleScans/SampleScans.csproj" >/dev/null
dotnet build -c Release -v q -nologo "$here/Typeset.Bench.Cleanup/Typeset.Bench.Cleanup.csproj" >/dev/null
dotnet "$here/Typeset.Bench.Cleanup/bin/Release/net10.0/Typeset.Bench.Cleanup.dll" run "$root" "$@"
