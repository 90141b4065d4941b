#!/usr/bin/env python3
"""Splits raw OCR Markdown at its page markers into one plain-text file a page, as a reader of the output sees it.

usage: markdown-pages.py RAW.md OUT_DIR PAGES
  PAGES: one page name a line, in page order (page N of the Markdown is the Nth name).
Markdown syntax is dropped (figure links keep their caption, footnote labels go, emphasis marks go).
"""
import re
import sys

raw, out, names_file = sys.argv[1], sys.argv[2], sys.argv[3]
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
for number, name in enumerate(names, 1):
    with open(f"{out}/{name}.txt", "w", encoding="utf-8") as f:
        f.write("".join(pages.get(number, [])))
