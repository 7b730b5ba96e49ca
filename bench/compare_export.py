#!/usr/bin/python3
"""Whole-process time of a headless picture export: peviz against numpy + matplotlib.

Runs, alternately, (a) `peviz export encoding --positions 8192 --d 1024 --width 1600
--height 1000 --out x.png` and (b) the tutorial way (build the matrix with numpy,
imshow with a diverging colormap, colorbar, savefig at the same pixel size), each
as a fresh process, and prints the ratio of the medians. A benchmark, not a test:
it never fails on a slow machine. Needs `scripts/setup --bench`. Run after a build:
    /usr/bin/python3 bench/compare_export.py [build] [rounds]
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
n, d, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
pos = np.arange(n)[:, None]
div = np.exp(np.arange(0, d, 2) * (-np.log(10000.0) / d))
pe = np.zeros((n, d))
pe[:, 0::2] = np.sin(pos * div)
pe[:, 1::2] = np.cos(pos * div)
fig, ax = plt.subplots(figsize=(16, 10), dpi=100)
im = ax.imshow(pe, cmap="RdBu", aspect="auto", vmin=-1, vmax=1, interpolation="nearest")
ax.set_xlabel("dimension")
ax.set_ylabel("position")
ax.set_title("Sinusoidal positional encoding")
fig.colorbar(im, ax=ax, label="PE value")
fig.savefig(out)
"""


def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "DISPLAY": ""})
    return time.perf_counter() - t0


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    peviz = os.path.join(build, "peviz")
    n, d = 8192, 1024
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "mpl.py")
        with open(script, "w") as f:
            f.write(MATPLOTLIB)
        a_out, b_out = os.path.join(tmp, "a.png"), os.path.join(tmp, "b.png")
        a_cmd = [peviz, "export", "encoding", "--positions", str(n), "--d", str(d), "--width", "1600",
                 "--height", "1000", "--out", a_out]
        b_cmd = ["/usr/bin/python3", script, str(n), str(d), b_out]
        timed(a_cmd), timed(b_cmd)  # warm the page cache for both
        a, b = [], []
        for _ in range(rounds):
            a.append(timed(a_cmd))
            b.append(timed(b_cmd))
        a_size, b_size = os.path.getsize(a_out), os.path.getsize(b_out)
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"encoding {n} x {d} -> 1600 x 1000 PNG, whole process, median of {rounds}:")
    print(f"  peviz export          {ma:7.3f} s   {a_size / 1e6:6.2f} MB")
    print(f"  numpy + matplotlib    {mb:7.3f} s   {b_size / 1e6:6.2f} MB")
    print(f"  peviz is {mb / ma:.1f}x faster")


if __name__ == "__main__":
    main()
