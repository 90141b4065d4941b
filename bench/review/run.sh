#!/usr/bin/env bash
# Review page benchmark: the sample (rows in the default view, keystrokes for a whole review, suggestions on the first
# screen) and a 300-page book of ~10,000 real cleanup edits (the sample's OCR text repeated as parts): time to first
# rows on screen and to first paint, a decision and a move in the page (key to painted frame), a saved decision's round
# trip through `typeset review`, all in headless Chromium. There is no peer to run against (no other tool has this page):
# the figures stand against the issue's targets. Writes bench/review/results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
typeset_ensure_packages "${TYPESET_RUNTIME_PACKAGES[@]}" chromium
dotnet run -c Release --project "$root/bench/review/Typeset.Bench.Review" -- "$root"
