#!/usr/bin/env python3
"""CER and WER of OCR text against ground truth, summed over pages.

usage: score.py GT_DIR SYSTEM_TEXT_DIR
  GT_DIR holds page-NN.gt.txt; SYSTEM_TEXT_DIR holds page-NN.txt (missing page = empty output).
Whitespace is collapsed before comparing: layout is not what is measured.
Prints: cer wer chars words
"""
import os
import re
import sys
import unicodedata


def normalise(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def distance(a, b):
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def main(gt_dir, text_dir):
    char_errors = chars = word_errors = words = 0
    for name in sorted(f for f in os.listdir(gt_dir) if f.endswith(".gt.txt")):
        truth = normalise(open(os.path.join(gt_dir, name), encoding="utf-8").read())
        path = os.path.join(text_dir, name.replace(".gt.txt", ".txt"))
        found = normalise(open(path, encoding="utf-8").read()) if os.path.exists(path) else ""
        char_errors += distance(truth, found)
        chars += len(truth)
        word_errors += distance(truth.split(" "), found.split(" "))
        words += len(truth.split(" "))
    print(f"{char_errors / chars:.4f} {word_errors / words:.4f} {chars} {words}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
