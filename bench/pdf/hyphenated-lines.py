#!/usr/bin/env python3
"""Counts text lines and lines ending in a word hyphen in `pdftotext -layout` output (plain mode rejoins hyphenated words), the same way for every engine:
a body line is one of 30 characters or more; it is hyphenated when it ends in letter + '-' and the next line starts
with a lower-case letter (a compound broken at its own hyphen also counts: the line still ends with a hyphen)."""
import sys

lines = [line.strip() for line in open(sys.argv[1], encoding='utf-8').read().replace('\f', '\n').split('\n')]
body = hyphenated = 0
for i, line in enumerate(lines):
    if len(line) < 30:
        continue
    body += 1
    following = lines[i + 1] if i + 1 < len(lines) else ''
    if len(line) > 1 and line[-1] == '-' and line[-2].isalpha() and following[:1].isalpha() and (following[:1].islower() or following[:1] == '-'):
        hyphenated += 1
print(body, hyphenated)
