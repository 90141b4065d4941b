#!/usr/bin/env bash
# What bench/cleanup needs beyond Typeset's runtime: the Russian texts (Debian documentation packages, read at run
# time, never committed) and the faces the books are set in (Debian font packages). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
BENCH_CLEANUP_PACKAGES=(
  debian-faq-ru developers-reference-ru maint-guide-ru aptitude-doc-ru gimp-help-ru fortunes-ru
  fonts-paratype fonts-liberation2 fonts-freefont-ttf fonts-dejavu-core fonts-cmu fonts-oldstandard fonts-linuxlibertine
  fonts-ebgaramond fonts-open-sans time
)
typeset_ensure_packages "${TYPESET_RUNTIME_PACKAGES[@]}" "${BENCH_CLEANUP_PACKAGES[@]}"
