#!/usr/bin/env bash
# Morphology benchmark: cold load in fresh processes and words/s on real Russian text (fortunes-ru: quotations,
# jokes, verse; the Debian FAQ in Russian; the sample book), against az in node on the same tokens. Writes results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
typeset_ensure_morphology
typeset_ensure_packages fortunes-ru debian-faq-ru
command -v node >/dev/null || typeset_ensure_packages nodejs
build="$root/.build/bench-morphology"
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
# ReadyToRun as the CLI is built, so the cold load is not measuring the JIT.
dotnet publish "$root/bench/morphology/Typeset.Bench.Morphology" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$build" -nologo -v quiet -clp:ErrorsOnly >&2
mapfile -t texts < <(find /usr/share/games/fortunes/ru -type f ! -name '*.dat' | sort)
texts+=(/usr/share/doc/debian/FAQ/debian-faq.ru.txt.gz "$root/samples/razgrom-yaponii.ocr.md")
dotnet "$build/Typeset.Bench.Morphology.dll" "$root" "${texts[@]}"
