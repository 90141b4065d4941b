#!/usr/bin/env bash
# EPUB benchmark: our `typeset epub` against `pandoc -t epub3` on the same 300-page Markdown, in one run.
# The book is the sample after cleanup, repeated as parts (each copy under a "# Часть N" heading, its headings one level
# down, its footnote labels renamed) until it holds 600,000 characters (300 pages of 2,000), with generated figures:
# photo-like PNGs at scan size (1200×800) and every fifth one a large scan (2400×1600) that has to be scaled down.
# Prints a Markdown table (wall time, peak memory, size, epubcheck errors/warnings) and writes bench/epub/results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/prerequisites.sh"
typeset_ensure_dotnet
typeset_ensure_packages "${TYPESET_RUNTIME_PACKAGES[@]}" epubcheck pandoc

runs="${TYPESET_BENCH_RUNS:-3}"
work="$(mktemp -d)"
trap '[ -n "${TYPESET_BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
cd "$root"

# Build the CLI once (./typeset rebuilds only when sources changed), then time the built program itself.
./typeset --version >/dev/null
cli=(dotnet "$root/.build/cli/Typeset.Cli.dll")

echo "bench/epub: cleaning the sample and building the 300-page book in $work" >&2
"${cli[@]}" clean samples/razgrom-yaponii.ocr.md -o "$work/clean.md" --edits "$work/edits.jsonl" >/dev/null
mkdir -p "$work/book/img"
python3 - "$work/clean.md" "$work/book" <<'PY'
import random, re, struct, sys, zlib

clean_path, book = sys.argv[1], sys.argv[2]
clean = open(clean_path, encoding="utf-8").read()
random.seed(1945)

def png(path, width, height, pixel_rows):
    raw = b"".join(b"\0" + row for row in pixel_rows)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

def photo(width, height, seed):
    # Smooth light and shade with grain: a photograph's many colours, without copying anyone's picture.
    rnd = random.Random(seed)
    cx, cy = rnd.uniform(0.2, 0.8) * width, rnd.uniform(0.2, 0.8) * height
    for y in range(height):
        grain = rnd.randbytes(width)
        dy = (y - cy) ** 2
        row = bytearray(width * 3)
        for x in range(width):
            v = 200 - int(((x - cx) ** 2 + dy) ** 0.5 * 160 / width) + (grain[x] >> 4) - 8
            v = 0 if v < 0 else 255 if v > 255 else v
            row[3 * x] = v; row[3 * x + 1] = (v * 9) // 10; row[3 * x + 2] = (v * 7) // 10
        yield bytes(row)

variants = []
for seed in range(3):
    path = f"{book}/img/variant-photo-{seed}.png"
    png(path, 1200, 800, photo(1200, 800, seed))
    variants.append(path)
large = f"{book}/img/variant-scan-large.png"
png(large, 2400, 1600, photo(2400, 1600, 99))

target_chars, parts, figure = 600_000, [], 0
text_chars, part = 0, 0
while text_chars < target_chars:
    part += 1
    body = re.sub(r"^(#{1,5}) ", r"#\1 ", clean, flags=re.M)            # the copy's headings one level down
    body = re.sub(r"\[\^([^\]]+)\]", lambda m: f"[^p{part}-{m.group(1)}]", body)
    def place(match):
        global figure
        figure += 1
        source = large if figure % 5 == 0 else variants[figure % len(variants)]
        name = f"img/figure-{figure:04d}.png"
        # Every file distinct, as a book's scans are: a text chunk naming the figure, so no cache or dedup sees a repeat.
        data = open(source, "rb").read()
        text = b"Comment\0" + f"figure {figure}".encode()
        chunk = struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
        open(f"{book}/{name}", "wb").write(data[:-12] + chunk + data[-12:])
        return f"]({name})"
    body = re.sub(r"\]\(\)", place, body)
    text_chars += len(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body))
    parts.append(f"# Часть {part}\n\n{body}\n")
open(f"{book}/book.md", "w", encoding="utf-8").write("\n".join(parts))
print(f"{part} parts, {text_chars:,} characters ({text_chars / 2000:.0f} pages), {figure} figures ({figure // 5} large)", file=sys.stderr)
PY
book_chars="$(python3 -c 'import re,sys; t=open(sys.argv[1],encoding="utf-8").read(); print(len(re.sub(r"!\[[^\]]*\]\([^)]*\)","",t)))' "$work/book/book.md")"
figures="$(grep -c '^!\[' "$work/book/book.md")"

# One run: "seconds kilobytes stage" — wall time and peak RSS from GNU time, and the epub stage's own time from our
# CLI's summary table ("-" for pandoc).
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; return 1; }
  local stage
  stage="$(grep -oE 'epub +│ +[0-9]+ ms' "$work/out.txt" | grep -oE '[0-9]+' | head -1 || true)"
  echo "$(cat "$work/time.txt") ${stage:--}"
}

# Median of the runs by wall time, so one run slowed by a neighbour on the machine does not decide. $before_each, when
# set, runs untimed before each run.
before_each=""
median_run() {
  local results=() i
  for i in $(seq "$runs"); do
    [ -z "$before_each" ] || eval "$before_each"
    results+=("$(measure "$@")")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# "errors warnings" from epubcheck's JSON report.
check() {
  java -jar /usr/share/java/epubcheck.jar --json "$work/check.json" "$1" >/dev/null 2>&1 || true
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checker"]; print(c["nFatal"]+c["nError"], c["nWarning"])' "$work/check.json"
}

# The project's pipeline.json with output/ moved into $work, so the stage's image cache (output/work/epub) is the bench's own.
python3 - "$root/pipeline.json" "$work" <<'PY'
import json, sys
config = json.load(open(sys.argv[1], encoding="utf-8"))
root = sys.argv[1].rsplit("/", 1)[0]
config["paths"] = {key: value if value.startswith("/") else f"{root}/{value}" for key, value in config["paths"].items()}
config["paths"]["output"] = f"{sys.argv[2]}/out"
json.dump(config, open(f"{sys.argv[2]}/pipeline.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
cache="$work/out/work/epub"

cd "$work/book"
# The same book without its figures too (captions become paragraphs): the text's own cost, apart from the scans.
sed -E 's/^!\[([^]]*)\]\([^)]*\)$/\1/' book.md > text-only.md

# bench NAME INPUT: times both tools on INPUT and checks both EPUBs; appends two rows to $rows (three with figures: ours
# from scratch, each run with an empty image cache, and ours again with the images cached by the previous build, as when an
# editor rebuilds the book after a review session).
bench() {
  local name="$1" input="$2" time rss stage errors warnings
  echo "bench/epub: $name: typeset epub ($runs runs)" >&2
  before_each="rm -rf '$cache'"
  read -r time rss stage < <(median_run "${cli[@]}" epub "$input" -o "$work/ours-$name.epub" --config "$work/pipeline.json")
  before_each=""
  read -r errors warnings < <(check "$work/ours-$name.epub")
  rows+="| $name | \`typeset epub\` | ${time} s (stage ${stage} ms) | $((rss / 1024)) MiB | $(size "$work/ours-$name.epub") | $errors | $warnings |"$'\n'
  if grep -q '^!\[' "$input"; then
    echo "bench/epub: $name: typeset epub, images cached ($runs runs)" >&2
    read -r time rss stage < <(median_run "${cli[@]}" epub "$input" -o "$work/ours-$name-cached.epub" --config "$work/pipeline.json")
    cmp -s "$work/ours-$name.epub" "$work/ours-$name-cached.epub" || { echo "bench/epub: the cached build differs" >&2; exit 1; }
    rows+="| $name | \`typeset epub\`, images cached | ${time} s (stage ${stage} ms) | $((rss / 1024)) MiB | $(size "$work/ours-$name-cached.epub") | $errors | $warnings |"$'\n'
  fi
  echo "bench/epub: $name: pandoc -t epub3 ($runs runs)" >&2
  read -r time rss stage < <(median_run pandoc "$input" -f markdown -t epub3 --toc --epub-chapter-level=1 \
    --metadata title="Разгром Японии" --metadata lang=ru -o "$work/pandoc-$name.epub")
  read -r errors warnings < <(check "$work/pandoc-$name.epub")
  rows+="| $name | \`pandoc -t epub3\` | ${time} s | $((rss / 1024)) MiB | $(size "$work/pandoc-$name.epub") | $errors | $warnings |"$'\n'
}

size() { python3 -c 'import os,sys; print(f"{os.path.getsize(sys.argv[1]) / 1048576:.1f} MiB")' "$1"; }
rows=""
bench "with figures" book.md
bench "text only" text-only.md
pandoc_version="$(pandoc --version | head -1)"
cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
table="$(cat <<MD
Measured on $(date -u +%Y-%m-%d) on $(nproc) cores of an $cpu, median of $runs runs each (wall time of the whole
process, .NET start-up included; "stage" is the epub stage alone); $pandoc_version. The book: $((book_chars / 2000))
pages ($book_chars characters of text), $figures figures (every fifth a 2400×1600 scan to scale down, the rest 1200×800
PNGs kept as they are; every file distinct); "images cached" is a rebuild that finds the scaled images of the build before
in output/work/epub; "text only" is the same book with each figure replaced by its caption as a paragraph.

| book | tool | wall time | peak memory | EPUB size | epubcheck errors | epubcheck warnings |
|---|---|---:|---:|---:|---:|---:|
${rows%$'\n'}
MD
)"
echo "$table"
printf '# EPUB benchmark (`bench/epub/run.sh`)\n\n%s\n' "$table" > "$root/bench/epub/results.md"
