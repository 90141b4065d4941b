#!/usr/bin/env python3
"""The share of dictionary words in OCR text, page by page: a measure that needs no ground truth (issue 14).

usage: dictionary-share.py PAGES SYSTEM_DIR [SYSTEM_DIR...]
  PAGES: a file with one page name a line (page-001…); SYSTEM_DIR holds NAME.txt per page (missing = empty page).
A token is a whitespace-separated word with leading and trailing punctuation stripped; only tokens made of letters
alone count. A token is a dictionary word when Hunspell ru_RU or en_US (libhunspell, as the spelling stage uses it)
accepts it. Beside that share, which rewards short junk read from rules and stamps (`SS`, `a`, `OK` are words), it
counts the dictionary words of 3 letters or more, a figure junk does not raise.
Prints one line a page: name, then for each system "words tokens long_words"; then a TOTAL line the same way.
"""
import ctypes
import os
import sys

DICTIONARIES = ["/usr/share/hunspell/ru_RU", "/usr/share/hunspell/en_US"]


def load():
    library = ctypes.CDLL("libhunspell-1.7.so.0")
    library.Hunspell_create.restype = ctypes.c_void_p
    library.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    handles = []
    for base in DICTIONARIES:
        if not os.path.exists(base + ".dic"):
            sys.exit(f"dictionary-share: {base}.dic missing (apt-get install hunspell-ru hunspell-en-us)")
        handles.append(library.Hunspell_create((base + ".aff").encode(), (base + ".dic").encode()))
    cache = {}

    def known(word):
        if word not in cache:
            data = word.encode("utf-8")
            cache[word] = any(library.Hunspell_spell(h, data) for h in handles)
        return cache[word]

    return known


def tokens(text):
    for raw in text.split():
        word = raw.strip("\"'«»„“”‘’.,;:!?()[]{}<>*_#|/\\-–—…·`~^=+")
        if word and word.isalpha():
            yield word


def count(path, known):
    if not os.path.exists(path):
        return 0, 0, 0
    words = list(tokens(open(path, encoding="utf-8").read()))
    found = [w for w in words if known(w)]
    return len(found), len(words), sum(1 for w in found if len(w) >= 3)


def main(pages_file, systems):
    known = load()
    pages = [line.strip() for line in open(pages_file, encoding="utf-8") if line.strip()]
    totals = [[0, 0, 0] for _ in systems]
    for page in pages:
        row = [page]
        for i, folder in enumerate(systems):
            figures = count(os.path.join(folder, page + ".txt"), known)
            for j, value in enumerate(figures):
                totals[i][j] += value
            row += [str(value) for value in figures]
        print(" ".join(row))
    print(" ".join(["TOTAL"] + [str(v) for pair in totals for v in pair]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
