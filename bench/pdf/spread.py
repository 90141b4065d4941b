#!/usr/bin/env python3
"""Joins two page images (binary PPM from pdftoppm) side by side into one PNG: a book spread. Standard library only."""
import struct, sys, zlib

def read_ppm(path):
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b'P6', 'expected binary PPM'
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:]
    return width, height, [pixels[row * width * 3:(row + 1) * width * 3] for row in range(height)]

def write_png(path, width, height, rows):
    raw = b''.join(b'\x00' + row for row in rows)
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    with open(path, 'wb') as out:
        out.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
                  + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

left, right, output = sys.argv[1:4]
lw, lh, lrows = read_ppm(left)
rw, rh, rrows = read_ppm(right)
height = max(lh, rh)
white = lambda w: b'\xff' * (w * 3)
gutter = b'\x80\x80\x80' * 2
rows = [(lrows[i] if i < lh else white(lw)) + gutter + (rrows[i] if i < rh else white(rw)) for i in range(height)]
write_png(output, lw + rw + 2, height, rows)
