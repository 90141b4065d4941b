#!/usr/bin/env python3
"""Writes page-NN.txt per scan page from our OCR sidecars: every recognised line, running heads and folios included,
in Tesseract's reading order — the same text the tesseract CLI prints, so recognition accuracy compares like with like.

usage: sidecar-text.py WORK_OCR_DIR OUT_DIR
"""
import json
import os
import sys

work, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
for name in sorted(f for f in os.listdir(work) if f.startswith("page-") and f.endswith(".json")):
    page = json.load(open(os.path.join(work, name), encoding="utf-8"))
    lines = [" ".join(w["text"] for w in line["words"]) for block in page["blocks"] for line in block.get("lines", [])]
    number = int(name[5:9])
    with open(os.path.join(out, f"page-{number:02d}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
