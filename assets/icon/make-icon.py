#!/usr/bin/env python3
"""Draws assets/icon/unlearnlab.png (256x256): the first MNIST test digit (a 7) as a 28x28 pixel grid under
an FGSM-like perturbation, red where a pixel is pushed up and blue where it is pushed down, on a rounded
dark tile. Needs python3 with numpy and ImageMagick's `convert`; run from the repository root."""
import gzip
import subprocess
import sys

import numpy as np

SIZE, CELL, GAP, RADIUS = 256, 8, 1, 44
OFFSET = (SIZE - 28 * CELL) // 2

with gzip.open("assets/mnist/t10k-images-idx3-ubyte.gz") as f:
    f.read(16)
    digit = np.frombuffer(f.read(784), dtype=np.uint8).reshape(28, 28) / 255.0

# A perturbation with the structure FGSM gives: signs that follow the stroke's edges, sparse elsewhere.
rng = np.random.default_rng(7)
gy, gx = np.gradient(digit)
edge = np.hypot(gx, gy)
sign = np.sign(gx + 0.6 * gy + 0.02 * rng.standard_normal((28, 28)))
sign[(edge < 0.04) & (rng.random((28, 28)) < 0.9)] = 0

y, x = np.mgrid[0:SIZE, 0:SIZE]
top, bottom = np.array([15, 23, 42]), np.array([30, 58, 95])
t = (y / (SIZE - 1))[..., None]
img = (top * (1 - t) + bottom * t).astype(float)

ink = np.array([248, 250, 252], dtype=float)
red, blue = np.array([239, 68, 68], dtype=float), np.array([59, 130, 246], dtype=float)
for r in range(28):
    for c in range(28):
        y0, x0 = OFFSET + r * CELL, OFFSET + c * CELL
        cell = img[y0:y0 + CELL - GAP, x0:x0 + CELL - GAP]
        v = digit[r, c]
        color = cell * (1 - v) + ink * v
        if sign[r, c] != 0:
            tint = red if sign[r, c] > 0 else blue
            a = 0.55 if v < 0.3 else 0.35
            color = color * (1 - a) + tint * a
        else:
            color = color * 0.92 + 255 * 0.08 * (1 - v) if v < 0.05 else color
        img[y0:y0 + CELL - GAP, x0:x0 + CELL - GAP] = color

# Rounded tile: alpha 1 inside, smoothed over one pixel at the corners.
cx = np.clip(x, RADIUS, SIZE - 1 - RADIUS)
cy = np.clip(y, RADIUS, SIZE - 1 - RADIUS)
dist = np.hypot(x - cx, y - cy)
alpha = np.clip(RADIUS + 0.5 - dist, 0, 1)

rgba = np.dstack([np.clip(img, 0, 255), alpha * 255]).round().astype(np.uint8)
header = f"P7\nWIDTH {SIZE}\nHEIGHT {SIZE}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".encode()
out = sys.argv[1] if len(sys.argv) > 1 else "assets/icon/unlearnlab.png"
subprocess.run(["convert", "pam:-", "-strip", "PNG32:" + out], input=header + rgba.tobytes(), check=True)
print(out)
