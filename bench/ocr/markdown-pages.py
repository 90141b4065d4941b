#!/usr/bin/env python3
"""Splits raw OCR Markdown at its page markers into one plain-text file a page, as a reader of the output sees it.

usage: markdown-pages.py RAW.md OUT_DIR PAGES [SIDECARS]
  PAGES: one page name a line, in page order (page N of the Markdown is the Nth name).
  SIDECARS: the OCR's work folder; when given, each Markdown page goes to the input file its sidecar names (the file
  being NAME.ext), so both pages of a split spread count for the one input they came from.
Markdown syntax is dropped (figure links keep their caption, footnote labels go, emphasis marks go).
"""
import re
import sys

import json
import os

raw, out, names_file = sys.argv[1], sys.argv[2], sys.argv[3]
sidecars = sys.argv[4] if len(sys.argv) > 4 else None
names = [line.strip() for line in open(names_file, encoding="utf-8") if line.strip()]
pages = {}
current = None
for line in open(raw, encoding="utf-8"):
    marker = re.match(r"\s*<!-- page (\d+) -->", line)
    if marker:
        current = int(marker.group(1))
        pages.setdefault(current, [])
        continue
    if current is None:
        continue
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"\[\^[^\]]+\]:?", " ", line)
    line = re.sub(r"<[^>]+>", " ", line)
    line = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+] |\d+[.)] |\|)", " ", line)
    line = line.replace("\\", "").replace("**", "").replace("|", " ")
    line = re.sub(r"(?<![\w*])[*_]|[*_](?![\w*])", "", line)
    pages[current].append(line)
texts = {name: [] for name in names}
if sidecars:
    for number in sorted(pages):
        sidecar = os.path.join(sidecars, f"page-{number:04d}.json")
        file = json.load(open(sidecar, encoding="utf-8"))["file"] if os.path.exists(sidecar) else ""
        stem = os.path.splitext(os.path.basename(re.sub(r" \([^)]*\)$", "", file)))[0]
        texts.setdefault(stem, []).extend(pages[number])
else:
    for number, name in enumerate(names, 1):
        texts[name] = pages.get(number, [])
for name in names:
    with open(f"{out}/{name}.txt", "w", encoding="utf-8") as f:
        f.write("".join(texts[name]))
