#!/usr/bin/python3
"""Whole-process time of an animation export: peviz against numpy + matplotlib.

The same clip both ways: the sinusoidal encoding (100 positions x 64 dimensions) as its
base moves from 10 to 100000 geometrically over 48 frames, 800 x 500 pixels, 12 frames
a second. peviz: `peviz export encoding --animate "base=10:100000" --log --frames 48
--fps 12 --width 800 --height 500 --out x.gif|x.mp4`. matplotlib: the tutorial way,
imshow with a diverging colormap and a colorbar, FuncAnimation updating the image's data
each frame, saved with PillowWriter (GIF) or FFMpegWriter (MP4), as the matplotlib docs
show. Each run is a fresh process; prints the medians and their ratios. A benchmark, not
a test: it never fails on a slow machine. Needs `scripts/setup --bench`. Run after a build:
    /usr/bin/python3 bench/compare_animation.py [build] [rounds]   (rounds: 5)
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

MATPLOTLIB = r"""
import sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation, FFMpegWriter, PillowWriter
out = sys.argv[1]
n, d, frames = 100, 64, 48
bases = np.geomspace(10.0, 100000.0, frames)
pos = np.arange(n)[:, None]

def encoding(base):
    div = np.exp(np.arange(0, d, 2) * (-np.log(base) / d))
    pe = np.zeros((n, d))
    pe[:, 0::2] = np.sin(pos * div)
    pe[:, 1::2] = np.cos(pos * div)
    return pe

fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
im = ax.imshow(encoding(bases[0]), cmap="RdBu", aspect="auto", vmin=-1, vmax=1,
               interpolation="nearest")
ax.set_xlabel("dimension")
ax.set_ylabel("position")
title = ax.set_title("")
fig.colorbar(im, ax=ax, label="PE value")

def update(k):
    im.set_data(encoding(bases[k]))
    title.set_text("Sinusoidal positional encoding, base = %.4g" % bases[k])
    return im, title

anim = FuncAnimation(fig, update, frames=frames)
writer = PillowWriter(fps=12) if out.endswith(".gif") else FFMpegWriter(fps=12)
anim.save(out, writer=writer, dpi=100)
"""


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "DISPLAY": ""})
    return time.perf_counter() - t0


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    peviz = os.path.join(build, "peviz")
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "mpl.py")
        with open(script, "w") as f:
            f.write(MATPLOTLIB)
        for ext in ("gif", "mp4"):
            ours, theirs = [], []
            for _ in range(rounds):  # in turn, so that load changes both alike
                out = os.path.join(tmp, "peviz." + ext)
                ours.append(timed([peviz, "export", "encoding", "--animate", "base=10:100000",
                                   "--log", "--frames", "48", "--fps", "12", "--width", "800",
                                   "--height", "500", "--out", out]))
                out = os.path.join(tmp, "mpl." + ext)
                theirs.append(timed(["/usr/bin/python3", script, out]))
            a, b = statistics.median(ours), statistics.median(theirs)
            print("%s, 48 frames at 800 x 500: peviz %.3f s, matplotlib %.3f s: %.1fx faster"
                  % (ext.upper(), a, b, b / a))


if __name__ == "__main__":
    main()
