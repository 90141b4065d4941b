#!/usr/bin/env bash
# Typesets the same Markdown books with Typeset and with pandoc + XeLaTeX, in one run, and writes bench/pdf/results.md
# (wall and CPU time, peak memory, pages, loose and hyphenated lines) and a PNG spread from each. Two books: the sample
# cleaned and repeated as chapters with figures and notes, and a text-only book of varied prose (Debian documentation
# and public-domain Russian classics, extracted at run time by bench/cleanup's text reader).
# Installs pandoc and TeX Live (XeLaTeX, Russian) with --no-install-recommends: the test suite never needs them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/prerequisites.sh"
typeset_ensure_dotnet
typeset_ensure_packages "${BENCH_PDF_PACKAGES[@]}"
"$root/bench/cleanup/prerequisites.sh"  # the Debian documentation packages the varied book is read from
dotnet build -c Release -v q -nologo "$root/bench/cleanup/Typeset.Bench.Cleanup/Typeset.Bench.Cleanup.csproj" > /dev/null

chapters="${CHAPTERS:-34}"
work="$here/work"
rm -rf "$work" && mkdir -p "$work"
cd "$work"

# The book: the sample cleaned by our own cleanup stages, repeated as chapters, with figures and footnotes.
"$root/typeset" clean "$root/samples/razgrom-yaponii.ocr.md" -o clean.md --config "$root/pipeline.json" > /dev/null
python3 "$here/make-book.py" clean.md book.md "$chapters"
cp "$root/pipeline.json" pipeline.json

# The text-only book: whole paragraphs of each source up to its share of characters, each work a chapter. The literature
# (public domain, not in any package registry) is read from BENCH_LITERATURE or /work/data/ruslit/prose (see README).
literature="${BENCH_LITERATURE:-/work/data/ruslit/prose}"
varied_sources=(developers-reference=100000 aptitude=50000)
if [ -d "$literature" ]; then
  varied_sources+=("literature:Pushkin/Капитанская дочка=90000" "literature:Lermontov/Герой нашего времени=90000"
    "literature:Gogol/Портрет=80000" "literature:Turgenev/Первая любовь=80000" "literature:Herzen/Кто виноват=80000"
    "literature:Tolstoy/Анна Каренина=100000" "literature:Dostoevsky/Идиот=100000" "literature:Chekhov/Дуэль=90000"
    "literature:Gorky/Фома Гордеев=90000" "literature:Bryusov/Огненный ангел=80000")
else
  varied_sources+=(gimp-help=700000)
fi
BENCH_LITERATURE="$literature" dotnet "$root/bench/cleanup/Typeset.Bench.Cleanup/bin/Release/net10.0/Typeset.Bench.Cleanup.dll" \
  book varied.md "${varied_sources[@]}" > varied.sources

# Same type for XeLaTeX: PT Serif 10.5/13.5 on 145×215 mm (60x90/16) with the same mirrored margins; pandoc's
# template sets \emergencystretch=3em. \hbadness=100 makes TeX log every line looser than its glue allows.
cat > preamble.tex <<'TEX'
\makeatletter\renewcommand\normalsize{\@setfontsize\normalsize{10.5pt}{13.5pt}}\makeatother\normalsize
\setlength{\parindent}{1.5em}
\hbadness=100
TEX
pandoc_args=(book.md --toc --top-level-division=chapter -V documentclass=book -V classoption=openright
  -V mainfont="PT Serif" -V sansfont="PT Sans" -V lang=ru
  -V geometry:paperwidth=145mm -V geometry:paperheight=215mm -V geometry:inner=20mm -V geometry:outer=15mm
  -V geometry:top=17mm -V geometry:bottom=20mm -H preamble.tex)

seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"; }

# timed NAME COMMAND...: runs COMMAND $runs times under GNU time and keeps the run of median wall time as NAME.time and
# NAME.out, so one run slowed by a neighbour on the machine does not decide the ratio.
runs="${TYPESET_BENCH_RUNS:-3}"
timed() {
  local name="$1" k
  shift
  for k in $(seq "$runs"); do
    /usr/bin/time -v "$@" > "$name.out.$k" 2> "$name.time.$k"
  done
  k="$(for k in $(seq "$runs"); do echo "$(seconds "$name.time.$k") $k"; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | cut -d' ' -f2)"
  cp "$name.out.$k" "$name.out" && cp "$name.time.$k" "$name.time"
}

# Build once outside the measurement; then the whole `./typeset` call is timed, launcher included.
"$root/typeset" --help > /dev/null 2>&1 || true
timed typeset "$root/typeset" pdf book.md -o typeset.pdf --config pipeline.json
timed xelatex pandoc "${pandoc_args[@]}" --pdf-engine=xelatex -o xelatex.pdf
timed varied-typeset "$root/typeset" pdf varied.md -o varied-typeset.pdf --config pipeline.json
timed varied-xelatex pandoc "${pandoc_args[@]/#book.md/varied.md}" --pdf-engine=xelatex -o varied-xelatex.pdf

# XeLaTeX's own line report: the same .tex run again in this folder to keep the log (not timed).
pandoc "${pandoc_args[@]}" -s -o xelatex.tex
xelatex -interaction=batchmode xelatex.tex > /dev/null 2>&1 || true
xelatex -interaction=batchmode xelatex.tex > /dev/null 2>&1 || true

cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
megabytes() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
report="$(tr -d '│\n' < typeset.out | tr -s ' ')"
our_loose="$(grep -o '[0-9]* loose' <<< "$report" | head -1 | cut -d' ' -f1)"
our_lines="$(grep -o '[0-9]* justified lines' <<< "$report" | head -1 | cut -d' ' -f1)"
our_overfull="$(grep -o '[0-9]* overfull' <<< "$report" | head -1 | cut -d' ' -f1)"
tex_loose="$(grep -c '^Underfull \\hbox (badness [0-9]*) in paragraph' xelatex.log || true)"
tex_overfull="$(grep -c '^Overfull \\hbox' xelatex.log || true)"
pdftotext -layout -enc UTF-8 typeset.pdf typeset.txt && read -r our_body our_hyph < <(python3 "$here/hyphenated-lines.py" typeset.txt)
pdftotext -layout -enc UTF-8 xelatex.pdf xelatex.txt && read -r tex_body tex_hyph < <(python3 "$here/hyphenated-lines.py" xelatex.txt)
share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }

# One spread (verso + recto) from the middle of each book.
for engine in typeset xelatex; do
  pdftoppm -r 80 -f 40 -l 41 "$engine.pdf" "$engine-page"
  python3 "$here/spread.py" "$engine-page-040.ppm" "$engine-page-041.ppm" "$here/$engine-spread.png"
done

our_time="$(seconds typeset.time)"; tex_time="$(seconds xelatex.time)"
{
  echo "| engine | wall time | CPU time | peak memory | pages | loose lines (ratio > 1) | overfull lines | hyphenated lines |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| Typeset (\`typeset pdf\`) | $our_time s | $(cpu typeset.time) s | $(megabytes typeset.time) MB | $(pages typeset.pdf) | $our_loose of $our_lines | $our_overfull | $our_hyph of $our_body ($(share "$our_hyph" "$our_body")) |"
  echo "| pandoc + XeLaTeX | $tex_time s | $(cpu xelatex.time) s | $(megabytes xelatex.time) MB | $(pages xelatex.pdf) | $tex_loose | $tex_overfull | $tex_hyph of $tex_body ($(share "$tex_hyph" "$tex_body")) |"
  echo
  echo "Median of $runs runs each by wall time. Typeset took $(awk -v a="$our_time" -v b="$tex_time" 'BEGIN { printf "%.1f %%", 100 * a / b }') of XeLaTeX's wall time, $(awk -v a="$(cpu typeset.time)" -v b="$(cpu xelatex.time)" 'BEGIN { printf "%.1f %%", 100 * a / b }') of its CPU time."
  echo
  echo "Text-only book of varied prose ($(grep -c '^# ' varied.md) chapters, $(wc -m < varied.md) characters; $(paste -sd, varied.sources | sed 's/,/, /g')):"
  echo
  echo "| engine | wall time | CPU time | peak memory | pages |"
  echo "|---|---|---|---|---|"
  echo "| Typeset (\`typeset pdf\`) | $(seconds varied-typeset.time) s | $(cpu varied-typeset.time) s | $(megabytes varied-typeset.time) MB | $(pages varied-typeset.pdf) |"
  echo "| pandoc + XeLaTeX | $(seconds varied-xelatex.time) s | $(cpu varied-xelatex.time) s | $(megabytes varied-xelatex.time) MB | $(pages varied-xelatex.pdf) |"
  echo
  echo "Typeset took $(awk -v a="$(seconds varied-typeset.time)" -v b="$(seconds varied-xelatex.time)" 'BEGIN { printf "%.1f %%", 100 * a / b }') of XeLaTeX's wall time, $(awk -v a="$(cpu varied-typeset.time)" -v b="$(cpu varied-xelatex.time)" 'BEGIN { printf "%.1f %%", 100 * a / b }') of its CPU time (median of $runs runs each by wall time; on a shared machine CPU time is the fair figure)."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM;"
  echo "$chapters chapters, $(grep -c '^\[\^' book.md) footnotes, $(grep -c '^!\[' book.md) figures."
} > "$here/results.md"
cat "$here/results.md"
