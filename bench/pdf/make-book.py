#!/usr/bin/env python3
"""Builds the benchmark book from the cleaned sample: its text (from the first section on) repeated as chapters,
with generated figures (PNG, 300 dpi at the text width) and footnotes, so both engines set the same Markdown.
Usage: make-book.py CLEAN.md OUT.md CHAPTERS"""
import os, re, struct, sys, zlib

source, target, chapters = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source, encoding='utf-8').read()
# The body starts at the first second-level heading (the sample's front matter and OCR'd contents come before it).
body = text[text.index('\n## ') + 1:]
# Each repetition is one chapter: the sample's own headings move one level down.
body = re.sub(r'^(#+) ', lambda m: '#' + m.group(1) + ' ', body, flags=re.M)
blocks = [b for b in body.split('\n\n') if b.strip()]

images = os.path.join(os.path.dirname(target), 'images')
os.makedirs(images, exist_ok=True)

def write_png(path, width, height, seed):
    rows = []
    for y in range(height):
        row = bytearray(b'\x00')
        for x in range(width):
            v = (x * (seed + 3) // 7 + y * (seed + 5) // 9 + ((x // 60 + y // 60 + seed) % 2) * 40) % 200 + 30
            row += bytes((v, (v + 40 * seed) % 256, 255 - v))
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    with open(path, 'wb') as out:
        out.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                  + chunk(b'IDAT', zlib.compress(b''.join(rows), 6)) + chunk(b'IEND', b''))

# 1300 px across 110 mm of text width is 300 dpi.
figures = []
for k in range(6):
    name = f'figure-{k + 1}.png'
    path = os.path.join(images, name)
    if not os.path.exists(path):
        write_png(path, 1300, 800 + 100 * k, k)
    figures.append('images/' + name)

out, note, figure = [], 0, 0
for chapter in range(1, chapters + 1):
    out.append(f'# Глава {chapter}. Разгром Японии: последняя битва Второй мировой')
    paragraphs = 0
    for block in blocks:
        out.append(block)
        if block.startswith('#') or block.startswith('!') or len(block) < 300:
            continue
        paragraphs += 1
        if paragraphs % 4 == 1:
            # A footnote reference after the first sentence, its definition after the paragraph.
            note += 1
            first = re.search(r'[.!?»](?= [А-ЯЁ])', block)
            if first:
                out[-1] = block[:first.end()] + f'[^{note}]' + block[first.end():]
                out.append(f'[^{note}]: Примечание {note}. Сведения приводятся по архивным документам штаба фронта; '
                           'нумерация частей дана так, как она указана в донесениях августа 1945 г.')
        if paragraphs % 6 == 3:
            figure += 1
            out.append(f'![Рис. {figure}. Танки и пехота на марше в Маньчжурии, август 1945 г.]({figures[figure % len(figures)]})')

open(target, 'w', encoding='utf-8').write('\n\n'.join(out) + '\n')
print(f'{chapters} chapters, {note} footnotes, {figure} figures', file=sys.stderr)
