#!/usr/bin/env bash
# Cleanup benchmark: seeded OCR-like damage on clean Russian text, per rule family; writes bench/cleanup/results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
typeset_ensure_packages "${TYPESET_RUNTIME_PACKAGES[@]}"
dotnet run -c Release --project "$root/bench/cleanup/Typeset.Bench.Cleanup" -- "$root"
