#!/usr/bin/env python3
"""Scores one set of run-real.sh from what the run left in its folder; prints the set's row of each results table.

usage: score-real.py FOLDER SET REFERENCE_DIR
  FOLDER: out/real/<set> (pages, ids, ours-text/, cli/, ours/raw.md, ours-time "wall user sys", cli-time "wall cpu").
Runs dictionary-share.py and agreement.py, writes FOLDER/pages.tsv (every page's figures) and prints two lines:
  the row of the first table (share of dictionary words, the issue's figure and target), then
  the row of the second table (figures junk does not raise: tiny pages apart, dictionary words of 3+ letters,
  agreement with the flatbed scan of the same document).
A page is tiny when neither reading has 20 letter-only tokens: a title page of six words moves by 17 points a word.
"""
import os
import re
import subprocess
import sys

TINY = 20


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def f1(matched, read, reference):
    precision, recall = pct(matched, read), pct(matched, reference)
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def main(folder, name, reference_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    ids = [l.strip() for l in open(f"{folder}/ids") if l.strip()]
    systems = [f"{folder}/ours-text", f"{folder}/cli"]
    share = [l.split() for l in subprocess.run([sys.executable, f"{here}/dictionary-share.py", f"{folder}/pages", *systems],
                                               check=True, capture_output=True, text=True).stdout.splitlines()]
    agreement = {}
    if os.path.isdir(reference_dir):
        for line in subprocess.run([sys.executable, f"{here}/agreement.py", f"{folder}/pages", f"{folder}/ids", reference_dir, *systems],
                                   check=True, capture_output=True, text=True).stdout.splitlines():
            fields = line.split()
            if fields[0] != "TOTAL" and fields[1] != "-":
                agreement[fields[0]] = list(map(int, fields[1:]))
    wall, user, system = map(float, open(f"{folder}/ours-time").read().split())
    cli_wall, cli_cpu = map(float, open(f"{folder}/cli-time").read().split())
    raw = f"{folder}/ours/raw.md"
    figures = sum(1 for l in open(raw, encoding="utf-8") if l.startswith("![")) if os.path.exists(raw) else 0

    deltas, tiny, long_deltas, agreement_deltas = [], [], [], []
    with open(f"{folder}/pages.tsv", "w") as out:
        out.write("page\tid\tours words\tours tokens\tours %\tCLI words\tCLI tokens\tCLI %\tdifference\tours 3+ words\tCLI 3+ words"
                  "\tours agreement F1\tCLI agreement F1\n")
        for (page, ow, ot, ol, cw, ct, cl), identifier in zip(share[:-1], ids):
            ow, ot, ol, cw, ct, cl = map(int, (ow, ot, ol, cw, ct, cl))
            d = pct(ow, ot) - pct(cw, ct)
            deltas.append((d, identifier))
            (tiny if max(ot, ct) < TINY else long_deltas).append((d, identifier))
            scores = ""
            if page in agreement:
                m1, r1, ref, m2, r2, _ = agreement[page]
                ours_f1, cli_f1 = f1(m1, r1, ref)[2], f1(m2, r2, ref)[2]
                agreement_deltas.append((ours_f1 - cli_f1, identifier))
                scores = f"{ours_f1:.1f}\t{cli_f1:.1f}"
            else:
                scores = "-\t-"
            out.write(f"{page}\t{identifier}\t{ow}\t{ot}\t{pct(ow, ot):.1f}\t{cw}\t{ct}\t{pct(cw, ct):.1f}\t{d:+.1f}\t{ol}\t{cl}\t{scores}\n")

    _, ow, ot, ol, cw, ct, cl = share[-1]
    ow, ot, ol, cw, ct, cl = map(int, (ow, ot, ol, cw, ct, cl))
    worst = min(deltas)
    below = sum(1 for d, _ in deltas if d < -3)
    print(f"| {name} | {len(ids)} | {pct(ow, ot):.1f} % ({ow} words) | {pct(cw, ct):.1f} % ({cw} words) | {worst[0]:+.1f} ({worst[1]}) | {below} "
          f"| {figures} | {wall:.1f} s / {user + system:.1f} s | {cli_wall:.1f} s / {cli_cpu:.1f} s |")

    def worst_of(items):
        return f"{min(items)[0]:+.1f} ({min(items)[1]})" if items else "–"

    long_part = f"{len(long_deltas)}: {sum(1 for d, _ in long_deltas if d < -3)} under, worst {worst_of(long_deltas)}"
    tiny_part = f"{len(tiny)}: {sum(1 for d, _ in tiny if d < -3)} under" if tiny else "0"
    if agreement:
        totals = [sum(v[i] for v in agreement.values()) for i in range(6)]
        op, orc, of = f1(totals[0], totals[1], totals[2])
        cp, crc, cf = f1(totals[3], totals[4], totals[5])
        agreement_part = (f"{len(agreement)} ({totals[2]} words) | {op:.1f} / {orc:.1f} / {of:.1f} | {cp:.1f} / {crc:.1f} / {cf:.1f} "
                          f"| {sum(1 for d, _ in agreement_deltas if d < -3)}, worst {worst_of(agreement_deltas)}")
    else:
        agreement_part = "– | – | – | –"
    print(f"| {name} | {long_part} | {tiny_part} | {ol} / {cl} | {agreement_part} |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
