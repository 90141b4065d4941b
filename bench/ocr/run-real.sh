#!/usr/bin/env bash
# bench/ocr/run-real.sh [SET...]: our `ocr` against the tesseract CLI (one single-threaded process per page, psm 3, as
# users run it) on real scans and phone photos we did not make (bench/ocr/real-scans.tsv; fetch them first with
# get-real-scans.sh). No ground truth: each page is scored by its share of dictionary words (dictionary-share.py).
# Sets: flatbed, photo, leptonica (default), dev (the development split), spreads (make-spreads.sh), curved (make-curved.sh), reference (the
# flatbed scans of the photographed documents: run it before photo and dev for their agreement figure). Writes bench/ocr/results-real.md (the
# table) and out/real/<set>/pages.tsv (every page's figures); texts stay in out/real/<set>/.
# BENCH_SECOND_READING=true turns on the ocr stage's second reading of doubtful pages (secondReading; off by default).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
data="${REAL_SCANS:-/work/data/real-scans}"
[ $# -gt 0 ] && sets=("$@") || sets=(flatbed photo leptonica)
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
[ -f /usr/share/hunspell/en_US.dic ] || { echo "bench: needs hunspell-en-us (apt-get install hunspell-en-us)" >&2; exit 1; }
"$root/typeset" --help >/dev/null  # build outside the measurement, then run the built CLI
typeset_cli=(dotnet "$root/.build/cli/Typeset.Cli.dll")
rows=(); seconds=()
for set in "${sets[@]}"; do
  dir="$here/out/real/$set"
  rm -rf "$dir" && mkdir -p "$dir/in" "$dir/ours" "$dir/cli" "$dir/ours-text"
  : > "$dir/pages"; : > "$dir/ids"
  languages=""; n=0; missing=0
  while IFS=$'\t' read -r row_set id repository _ path _ langs _; do
    [ "$row_set" = "$set" ] || continue
    file="$data/${repository#*/}/$(basename "$path")"
    [ -s "$file" ] || { missing=$((missing + 1)); continue; }
    n=$((n + 1)); name="page-$(printf %03d "$n")"
    ln -s "$file" "$dir/in/$name.${path##*.}"
    echo "$name" >> "$dir/pages"; echo "$id" >> "$dir/ids"; languages="$langs"
  done < <(grep -v '^#' "$here/real-scans.tsv")
  [ "$missing" -eq 0 ] || { echo "bench: $missing file(s) of set $set missing under $data: run bench/ocr/get-real-scans.sh" >&2; exit 1; }
  [ "$n" -gt 0 ] || { echo "bench: no pages in set $set" >&2; exit 1; }

  cat > "$dir/pipeline.json" <<JSON
{ "book": { "title": "bench" }, "paths": { "output": "$dir/ours/output" }, "stages": [ { "name": "ocr", "languages": "$languages", "secondReading": ${BENCH_SECOND_READING:-false} } ] }
JSON
  # Ours: the whole set in one command, cold cache (a page that fails counts as an empty page).
  /usr/bin/time -f "%e %U %S" -o "$dir/ours-time" "${typeset_cli[@]}" ocr "$dir/in" -o "$dir/ours/raw.md" --config "$dir/pipeline.json" \
    >"$dir/ours-log" 2>&1 || true
  read -r ours_wall ours_user ours_sys < "$dir/ours-time"
  python3 "$here/markdown-pages.py" "$dir/ours/raw.md" "$dir/ours-text" "$dir/pages" "$dir/ours/work/ocr"

  # The CLI's reading of a file does not change between runs of ours: it is kept (text and times) under
  # out/real/cli-cache, keyed by the file's hash, the languages and the tesseract version; BENCH_CLI_FRESH=1 reads again.
  cli_wall=0; cli_cpu=0; cache="$here/out/real/cli-cache"; mkdir -p "$cache"
  version="$(tesseract --version 2>&1 | head -1 | tr -c 'a-z0-9.\n' '_')"
  for image in "$dir/in"/page-*; do
    name="$(basename "${image%.*}")"
    key="$cache/$(sha256sum < "$image" | cut -c1-24)-${languages}-$version"
    if [ "${BENCH_CLI_FRESH:-0}" = 1 ] || [ ! -f "$key.time" ]; then
      OMP_THREAD_LIMIT=1 /usr/bin/time -f "%e %U %S" -o "$key.time" tesseract "$image" "$key" -l "$languages" --psm 3 >/dev/null 2>&1 || true
      [ -f "$key.txt" ] || : > "$key.txt"
    fi
    cp "$key.txt" "$dir/cli/$name.txt"
    read -r t u s < "$key.time"
    cli_wall=$(python3 -c "print($cli_wall + $t)"); cli_cpu=$(python3 -c "print($cli_cpu + $u + $s)")
  done

  echo "$cli_wall $cli_cpu" > "$dir/cli-time"
  scored="$(python3 "$here/score-real.py" "$dir" "$set" "$here/out/real/reference")"
  row="$(sed -n 1p <<< "$scored")"; second="$(sed -n 2p <<< "$scored")"
  rows+=("$row"); seconds+=("$second")
  echo "$row"; echo "$second"
done
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
{
  echo '# OCR on real scans (`bench/ocr/run-real.sh`)'
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(tesseract --version 2>&1 | head -1); share of dictionary words (Hunspell ru_RU + en_US) among letter-only tokens, ours (\`typeset ocr\`, Markdown) and the \`tesseract\` CLI (psm 3, OMP_THREAD_LIMIT=1) on the same files."
  echo
  echo "| set | pages | ours | CLI | worst page, ours − CLI (points) | pages > 3 points under the CLI | figures (ours) | ours wall / CPU | CLI wall / CPU |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Figures junk read from rules and stamps does not raise (score-real.py): pages of 20+ letter-only tokens and tiny pages apart; dictionary words of 3+ letters; for a phone photo of a document whose flatbed scan PHONE-SCAN holds (set \`reference\`, run first), the words it shares with what both readers agree on in that scan (agreement.py), precision / recall / F1 in %."
  echo
  echo "| set | pages of 20+ tokens: > 3 points under, worst | tiny pages: > 3 points under | dictionary words of 3+ letters, ours / CLI | photos with a flatbed scan (reference words) | ours P / R / F1 | CLI P / R / F1 | photos whose F1 is > 3 points under the CLI's, worst |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${seconds[@]}"
  echo
  echo "Machine load (1-minute average) at the end: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores."
} > "$here/results-real.md"
cat "$here/results-real.md"
