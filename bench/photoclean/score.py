#!/usr/bin/env python3
"""Judges every edit `typeset clean` applied to a photo against independent readings of the same document.

score.py SET SET_DIR OCR_DIR JUDGEMENTS   writes SET_DIR/row.md (the table row), SET_DIR/notes.md, SET_DIR/edits.tsv
score.py --header                         prints the table header

The images are named <kind>_<user>_<doc>_<variant> (kind 0 flatbed, 1 phone photo): every image of one <doc>_<variant>
shows the same filled-in document. An edit changes the tokens D0 (before) into D1 (after) between the context tokens
L and R (the edit log's contextBefore/contextAfter). A reference reading "has" D at the aligned place when D occurs in
it with at least two of the context tokens beside it (fewer when the edit has less context). The verdict, in order:
 1. the flatbed scan 0_1_<doc>_<variant> (300 dpi, not the image itself): D1 and not D0 -> right, D0 and not D1 -> wrong;
 2. the other photos of the variant: right when at least two have D1 and D1 outnumbers D0 two to one; wrong conversely;
 3. a hand judgement in JUDGEMENTS (image, before, after, context) -> its verdict; a hand judgement also overrides 1-2
    where the references share the photo's misreading (its reason says so);
 4. else unjudged (listed in notes.md with the crop of the word for a hand judgement).
Typography edits that only change quotes, dashes, spaces or the ellipsis are counted apart, as are edits that change
no word or punctuation token (paragraph and line joins): the flatbed reading has the same layout and cannot judge them.
"""
import csv
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter

HEADER = ("| set | images | content edits applied | right | wrong | unjudged | right among judged | typography-only applied "
          "| layout-only applied | editorial style applied | suggested (not applied) | clean wall / CPU | ocr wall / CPU |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|")

QUOTES_DASHES = set("«»„“”‟\"'‘’‚‛`´-‐‑‒–—―")
TOKEN = re.compile(r"\w+|[^\w\s]")


def typography_only(before, after):
    def strip(s):
        s = s.replace("…", "...").replace("\\", "")  # a Markdown escape is no character
        return "".join(c for c in s if not c.isspace() and c not in QUOTES_DASHES)
    return strip(before) == strip(after)


def normalize_text(s):
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "")
    s = s.replace("ё", "е").replace("Ё", "Е")
    # A word hyphenated at a line end reads as one word: the flatbed scan has the same line ends.
    s = re.sub(r"(\w)[-‐‑¬]\s*\n\s*(\w)", r"\1\2", s)
    return s


def tokens(s):
    # Table rules and blanks are layout, not words: the flatbed reading may set a form's line as a table row.
    return [t for t in TOKEN.findall(normalize_text(s)) if t not in QUOTES_DASHES and t not in ("_", "|")]


def markdown_text(path):
    if not os.path.exists(path):
        return ""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    return text.replace("**", "").replace("*", " ").replace("\\", "")


def similar(a, b):
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4:
        return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75
    return False


def support(reference, d, left, right, case_sensitive):
    """The most context tokens beside an occurrence of d in the reference (-1: d does not occur)."""
    key = (lambda t: t) if case_sensitive else (lambda t: t.lower())
    dk = [key(t) for t in d]
    best = -1
    n = len(reference)
    for p in range(0, n - len(d) + 1):
        if [key(t) for t in reference[p:p + len(d)]] != dk:
            continue
        score = 0
        for k in range(1, len(left) + 1):
            if p - k >= 0 and similar(reference[p - k], left[-k]):
                score += 1
        for k in range(len(right)):
            q = p + len(d) + k
            if q < n and similar(reference[q], right[k]):
                score += 1
        if not d:  # a deletion: the neighbours themselves must touch
            if not (p - 1 >= 0 and left and similar(reference[p - 1], left[-1]) and p < n and right and similar(reference[p], right[0])):
                continue
        best = max(best, score)
    return best


def verdict_of(reference, d0, d1, left, right):
    case_sensitive = [t.lower() for t in d0] == [t.lower() for t in d1]
    needed = min(2, len(left) + len(right))
    s0 = support(reference, d0, left, right, case_sensitive)
    s1 = support(reference, d1, left, right, case_sensitive)
    has0, has1 = s0 >= needed, s1 >= needed
    if not has0 and not has1 and len(d0) == 1 and d1:
        # OCR split a word and the edit changed one piece into another word (Сум ма -> Сум на): the reference holds the
        # whole word, and the output is no more right than before.
        pieces = {(left[-1] + d0[0]).lower() if left else None, (d0[0] + right[0]).lower() if right else None} - {None}
        if any(t.lower() in pieces for t in reference):
            return "split"
    if has1 and (not has0 or s1 > s0):
        return "after"
    if has0 and (not has1 or s0 > s1):
        return "before"
    return "both" if has0 else "none"


def sidecar_words(ocr_dir, image):
    path = os.path.join(ocr_dir, image, "work", "ocr", "page-0001.json")
    if not os.path.exists(path):
        return None, []
    page = json.load(open(path, encoding="utf-8"))
    words = []
    for block in page.get("blocks", []):
        for line in block.get("lines", []):
            for word in line.get("words", []):
                words.append((word["text"], word.get("confidence", 0), word["box"], line["box"]))
    return page, words


def crop(ocr_dir, image, d0, context, out_path):
    """Crops the line holding the edited word (and the lines around it) from the page the OCR read, for a hand judgement."""
    page, words = sidecar_words(ocr_dir, image)
    if page is None or not d0:
        return None
    letters = lambda s: "".join(c for c in normalize_text(s).lower() if c.isalnum())
    target = letters(d0[0]) or d0[0]
    hits = [w for w in words if letters(w[0]) == target] or [w for w in words if target in letters(w[0])]
    if not hits:
        return None
    near = set(letters(t) for t in context if len(letters(t)) >= 3)
    def score(hit):
        line = hit[3]
        return sum(1 for w in words if w[3] == line and letters(w[0]) in near)
    _, _, box, line = max(hits, key=score)
    # Boxes are in the page as found; a border cut off the capture shifts it.
    dx = dy = 0
    for step in page.get("steps", []):
        if step.get("step") == "border-crop":
            dx, dy = dx + step["box"]["x"], dy + step["box"]["y"]
    box = dict(box, x=box["x"] + dx, y=box["y"] + dy)
    line = dict(line, x=line["x"] + dx, y=line["y"] + dy)
    x, y = max(0, min(line["x"], box["x"] - 300)), max(0, line["y"] - line["height"] * 2)
    w, h = max(line["x"] + line["width"], box["x"] + box["width"] + 300) - x, line["height"] * 5
    subprocess.run(["convert", page["file"], "-auto-orient", "-crop", f"{w}x{h}+{x}+{y}", "+repage", "-fill", "none",
                    "-stroke", "red", "-draw", f"rectangle {box['x'] - x - 3},{box['y'] - y - 3} {box['x'] + box['width'] - x + 3},{box['y'] + box['height'] - y + 3}",
                    out_path], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out_path


def read_judgements(path):
    judged = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for row in csv.reader((l for l in f if not l.startswith("#")), delimiter="\t"):
                if len(row) >= 6:
                    image, before, after, context, verdict, reason = row[:6]
                    judged[(image, before, after, context)] = (verdict, reason)
    return judged


def escape(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\u00a0", "\\u00a0")


def main():
    if sys.argv[1] == "--header":
        print(HEADER)
        return
    set_name, set_dir, ocr_dir, judgements_path = sys.argv[1:5]
    judged = read_judgements(judgements_path)
    images = sorted(d for d in os.listdir(set_dir) if os.path.exists(os.path.join(set_dir, d, "edits.jsonl")))
    readings = {d: tokens(markdown_text(os.path.join(ocr_dir, d, "raw.md"))) for d in os.listdir(ocr_dir)}
    variant = lambda image: "_".join(image.split("_")[2:4])
    counts = Counter()
    rows, unjudged, wrongs, same_document = [], [], [], []
    shutil.rmtree(os.path.join(set_dir, "crops"), ignore_errors=True)
    os.makedirs(os.path.join(set_dir, "crops"))
    for image in images:
        flatbed = "0_1_" + variant(image)
        others = [d for d in readings if d != image and d != flatbed and d.startswith("1_") and variant(d) == variant(image)]
        if flatbed != image:
            same_document.append(difflib.SequenceMatcher(None, readings[image], readings[flatbed], autojunk=False).ratio())
        for line in open(os.path.join(set_dir, image, "edits.jsonl"), encoding="utf-8"):
            edit = json.loads(line)
            if edit.get("status") != "applied":
                counts["suggested"] += 1
                continue
            before, after = edit.get("before", ""), edit.get("after", "")
            context_before, context_after = edit.get("contextBefore", ""), edit.get("contextAfter", "")
            if edit["stage"] == "typography" and typography_only(before, after):
                counts["typography"] += 1
                continue
            if edit["stage"] == "editorial":
                # The editor's conventions (the period of г. after a year, capitals of events) change the printed text on
                # purpose: no reading of the document can call them right or wrong.
                counts["style"] += 1
                continue
            if edit["rule"] == "dehyphenate.keep-hyphen":
                counts["layout"] += 1
                continue
            t0, t1 = tokens(context_before + before + context_after), tokens(context_before + after + context_after)
            ops = [o for o in difflib.SequenceMatcher(None, t0, t1, autojunk=False).get_opcodes() if o[0] != "equal"]
            if not ops:
                counts["layout"] += 1
                continue
            i1, i2, j1, j2 = ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]
            d0, d1 = t0[i1:i2], t1[j1:j2]
            left, right = t0[max(0, i1 - 3):i1], t0[i2:i2 + 3]
            source, verdict = "", ""
            if flatbed != image and flatbed in readings:
                v = verdict_of(readings[flatbed], d0, d1, left, right)
                if v in ("after", "before", "split"):
                    verdict = "right" if v == "after" else "wrong"
                    source = "flatbed" if v != "split" else "flatbed: a piece of a split word"
            votes = Counter(verdict_of(readings[o], d0, d1, left, right) for o in others)
            if not verdict:
                a, b = votes["after"], votes["before"] + votes["split"]
                if a >= 2 and a >= 2 * b:
                    verdict, source = "right", f"photos {a}:{b}"
                elif b >= 2 and b >= 2 * a:
                    verdict, source = "wrong", f"photos {a}:{b}"
            context = escape(f"{context_before}[{before}→{after}]{context_after}")
            hand = judged.get((image, escape(before), escape(after), context))
            if hand:
                verdict, source = hand[0], "hand: " + hand[1]
            if not verdict:
                verdict = "unjudged"
                crop_path = crop(ocr_dir, image, d0, left + right, os.path.join(set_dir, "crops", f"{len(unjudged):03d}.png"))
                unjudged.append((image, escape(before), escape(after), context, edit["rule"], crop_path or "-",
                                 f"photos after:before {votes['after']}:{votes['before']}"))
            counts[verdict] += 1
            counts[f"{edit['rule']}|{verdict}"] += 1
            if verdict == "wrong":
                wrongs.append((image, edit["rule"], before, after, context, source, edit.get("confidence")))
            rows.append((image, edit["rule"], edit.get("confidence"), escape(before), escape(after), context, verdict, source))

    with open(os.path.join(set_dir, "edits.tsv"), "w", encoding="utf-8") as f:
        f.write("image\trule\tconfidence\tbefore\tafter\tcontext\tverdict\tby\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
    with open(os.path.join(set_dir, "unjudged.tsv"), "w", encoding="utf-8") as f:
        f.write("# image\tbefore\tafter\tcontext\trule\tcrop\tphotos\n")
        for row in unjudged:
            f.write("\t".join(row) + "\n")

    times = [l.split() for l in open(os.path.join(set_dir, "times"))]
    ocr_wall = sum(float(t[1]) for t in times)
    ocr_cpu = sum(float(t[2]) + float(t[3]) for t in times)
    clean_wall = sum(float(t[4]) for t in times)
    clean_cpu = sum(float(t[5]) + float(t[6]) for t in times)
    content = counts["right"] + counts["wrong"] + counts["unjudged"]
    judged_n = counts["right"] + counts["wrong"]
    share = f"{100.0 * counts['right'] / judged_n:.1f} %" if judged_n else "–"
    print(f"| {set_name} | {len(images)} | {content} | {counts['right']} | {counts['wrong']} | {counts['unjudged']} | {share} "
          f"| {counts['typography']} | {counts['layout']} | {counts['style']} | {counts['suggested']} | {clean_wall:.1f} s / {clean_cpu:.1f} s "
          f"| {ocr_wall:.1f} s / {ocr_cpu:.1f} s |")

    rules = sorted({k.split("|")[0] for k in counts if "|" in k})
    by_source = Counter(r[7].split(":")[0].split(" ")[0] for r in rows)
    same_document.sort()
    with open(os.path.join(set_dir, "notes.md"), "w", encoding="utf-8") as f:
        f.write(f"**{set_name}**: by rule (right / wrong / unjudged): "
                + "; ".join(f"`{r}` {counts[r + '|right']} / {counts[r + '|wrong']} / {counts[r + '|unjudged']}" for r in rules)
                + ". Verdicts by " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())) + ".")
        if same_document:
            f.write(f" Token similarity of each photo's reading to its flatbed reference: median "
                    f"{same_document[len(same_document) // 2]:.2f}, lowest {same_document[0]:.2f}.")
        f.write("\n\n")
        for image, rule, before, after, context, source, confidence in wrongs:
            f.write(f"- wrong: {image} `{rule}` ({confidence}) `{escape(before)}` → `{escape(after)}` in “{context}” ({source})\n")
        if wrongs:
            f.write("\n")


if __name__ == "__main__":
    main()
