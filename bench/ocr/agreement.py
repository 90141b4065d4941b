#!/usr/bin/env python3
"""Word agreement of a phone photo's reading with the flatbed scan of the very same document (issue 14, round 5).

usage: agreement.py PAGES IDS REFERENCE_DIR SYSTEM_DIR [SYSTEM_DIR...]
  PAGES, IDS: one page name / one manifest id a line, in the same order; SYSTEM_DIR holds NAME.txt per page.
  REFERENCE_DIR: run-real.sh's folder of the `reference` set (its pages, ids, ours-text/ and cli/).

PHONE-SCAN names its files <kind>_<user>_<document>_<copy>: 1_<user>_<d>_<c> is a phone photo of the filled-in copy whose
flatbed scan is 0_1_<d>_<c>. The reference of a photo is the multiset of words that both readers (ours and the CLI)
read in that flatbed scan: what both agree on in a clean scan is very likely on the paper, and neither reader is the
judge. A word is a run of letters or digits of 2 or more characters, lower-cased, ё as е. A system's reading of the photo
is scored by the words it shares with the reference (multiset intersection): precision (junk read from rules, stamps
and shadows costs here, unlike in the share of dictionary words), recall and F1. Pages without a flatbed scan (the
flatbed pages themselves, other sources) are left out.
Prints one line a page: name, then for each system "matched read reference" (or "-" when the page has no reference);
then a TOTAL line the same way.
"""
import collections
import os
import re
import sys

WORD = re.compile(r"[^\W_]{2,}")


def words(path):
    if not os.path.exists(path):
        return collections.Counter()
    text = open(path, encoding="utf-8").read().lower().replace("ё", "е")
    return collections.Counter(WORD.findall(text))


def reference_of(identifier):
    parts = identifier.split("_")
    if len(parts) != 4 or parts[0] != "1":
        return None
    return f"0_1_{parts[2]}_{parts[3]}"


def main(pages_file, ids_file, reference_dir, systems):
    pages = [line.strip() for line in open(pages_file, encoding="utf-8") if line.strip()]
    ids = [line.strip() for line in open(ids_file, encoding="utf-8") if line.strip()]
    reference_pages = [line.strip() for line in open(os.path.join(reference_dir, "pages"), encoding="utf-8") if line.strip()]
    reference_ids = [line.strip() for line in open(os.path.join(reference_dir, "ids"), encoding="utf-8") if line.strip()]
    references = {}
    for page, identifier in zip(reference_pages, reference_ids):
        ours = words(os.path.join(reference_dir, "ours-text", page + ".txt"))
        cli = words(os.path.join(reference_dir, "cli", page + ".txt"))
        references[identifier] = ours & cli
    totals = [[0, 0, 0] for _ in systems]
    for page, identifier in zip(pages, ids):
        reference = references.get(reference_of(identifier) or "")
        row = [page]
        for i, folder in enumerate(systems):
            if reference is None:
                row.append("-")
                continue
            read = words(os.path.join(folder, page + ".txt"))
            figures = (sum((read & reference).values()), sum(read.values()), sum(reference.values()))
            for j, value in enumerate(figures):
                totals[i][j] += value
            row.append(" ".join(map(str, figures)))
        print(" ".join(row))
    print(" ".join(["TOTAL"] + [" ".join(map(str, t)) for t in totals]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
