#!/usr/bin/env bash
# bench/photoclean/run.sh [--ocr-only] [dev|photo|all]: are the corrections `typeset clean` applies on its own to phone photos of
# real documents right? Each photo of bench/ocr/real-scans.tsv (sets dev and photo; fetch them with
# bench/ocr/get-real-scans.sh) is read by `typeset ocr` and cleaned by `typeset clean` with the repository's
# pipeline.json, one document per command as a user would run it. Every applied edit is judged against independent
# readings of the same filled-in document (score.py): the 300-dpi flatbed scan 0_1_<doc>_<variant> first, then the
# other photos of that variant; what they cannot decide is looked up in judgements.tsv (hand judgements from the photo,
# keyed by image, before, after and context) or shown as unjudged. Writes bench/photoclean/results.md ("all", the
# default) or prints the set's table; every edit with its verdict goes to out/<set>/edits.tsv.
# OCR is kept under out/ocr/<image>/, keyed by the image and the ocr code's hash: a cleanup change re-runs in a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
data="${REAL_SCANS:-/work/data/real-scans}/phone-scan"
manifest="$root/bench/ocr/real-scans.tsv"
ocr_only=false
[ "${1:-}" = --ocr-only ] && { ocr_only=true; shift; }
case "${1:-all}" in
  dev) sets=(dev) ;; photo) sets=(photo) ;; all) sets=(dev photo) ;;
  *) echo "usage: bench/photoclean/run.sh [--ocr-only] [dev|photo|all]" >&2; exit 2 ;;
esac
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
"$root/typeset" --help >/dev/null  # build outside the measurement, then run the built CLI
cli=(dotnet "$root/.build/cli/Typeset.Cli.dll")
out="$here/out"; mkdir -p "$out/ocr"
ocr_code="$(cd "$root" && find src/Typeset/Ocr src/Typeset/Interop -type f -name '*.cs' | sort | xargs sha256sum | sha256sum | cut -c1-16)"

# One OCR folder per image (the set's photos and their flatbed references), re-read only when the image or the ocr code changed.
ocr_one() {
  local id="$1" file="$data/$1.jpg" dir="$out/ocr/$1"
  [ -s "$file" ] || { echo "bench: $file missing: run bench/ocr/get-real-scans.sh" >&2; exit 1; }
  local key; key="$(sha256sum < "$file" | cut -c1-16)-$ocr_code"
  [ -f "$dir/key" ] && [ "$(cat "$dir/key")" = "$key" ] && return 0
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{ "book": { "title": "bench" }, "paths": { "output": "%s" }, "stages": [ { "name": "ocr", "languages": "rus+eng" } ] }\n' "$dir" > "$dir/ocr.json"
  /usr/bin/time -f "%e %U %S" -o "$dir/ocr-time" "${cli[@]}" ocr "$file" -o "$dir/raw.md" --config "$dir/ocr.json" > "$dir/ocr-log" 2>&1 \
    || { echo "bench: ocr failed on $id (see $dir/ocr-log)" >&2; : > "$dir/raw.md"; }
  echo "$key" > "$dir/key"
}

# The repository's cleanup stages, with this image's OCR folder as the output (its sidecars give word confidences).
clean_config() {
  python3 - "$root/pipeline.json" "$1" "$root/dictionaries" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
stages = [s for s in config["stages"] if s["name"] not in ("pdf", "epub")]
print(json.dumps({"book": {"title": "bench"}, "paths": {"output": sys.argv[2], "dictionaries": sys.argv[3]}, "stages": stages}, ensure_ascii=False))
PY
}

for set in "${sets[@]}"; do
  ids=$(grep -v '^#' "$manifest" | awk -F'\t' -v s="$set" '$1 == s { print $2 }')
  [ -n "$ids" ] || { echo "bench: no images of set $set in $manifest" >&2; exit 1; }
  # References: the flatbed scan of each filled-in variant (0_1_<doc>_<variant>) the set's images show.
  refs=$(for id in $ids; do echo "0_1_$(echo "$id" | cut -d_ -f3-4)"; done | sort -u)
  for id in $ids $refs; do ocr_one "$id"; done
  $ocr_only && continue

  dir="$out/$set"; rm -rf "$dir"; mkdir -p "$dir"
  : > "$dir/times"
  for id in $ids; do
    work="$out/ocr/$id"; mkdir -p "$dir/$id"
    clean_config "$work" > "$dir/$id/pipeline.json"
    /usr/bin/time -f "%e %U %S" -o "$dir/$id/clean-time" "${cli[@]}" clean "$work/raw.md" -o "$dir/$id/clean.md" \
      --edits "$dir/$id/edits.jsonl" --config "$dir/$id/pipeline.json" > "$dir/$id/clean-log" 2>&1 \
      || { echo "bench: clean failed on $id (see $dir/$id/clean-log)" >&2; exit 1; }
    echo "$id $(cat "$work/ocr-time") $(cat "$dir/$id/clean-time")" >> "$dir/times"
  done
  python3 "$here/score.py" "$set" "$dir" "$out/ocr" "$here/judgements.tsv" > "$dir/row.md"
done

if $ocr_only; then
  exit 0
elif [ "${1:-all}" = all ]; then
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  {
    echo '# Auto-applied corrections on real phone photos (`bench/photoclean/run.sh`)'
    echo
    echo "$(date -u +%Y-%m-%d\ %H:%M) UTC, $(nproc) cores ($cpu), load $(cut -d' ' -f1 /proc/loadavg), $(git -C "$root" rev-parse --short HEAD)."
    echo
    python3 "$here/score.py" --header
    cat "$out/dev/row.md" "$out/photo/row.md"
    echo
    cat "$out/dev/notes.md" "$out/photo/notes.md"
  } > "$here/results.md"
  cat "$here/results.md"
else
  python3 "$here/score.py" --header; cat "$out/$set/row.md"; cat "$out/$set/notes.md"
fi
