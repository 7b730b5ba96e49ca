#!/usr/bin/python3
"""Whole-process time of a headless picture export: peviz against numpy + matplotlib.

Runs, in turn, (a) `peviz export encoding --positions 8192 --d 1024 --width 1600
--height 1000 --out x.png` with the default CPU renderer, (b) the same with
`--renderer gl` (EGL + llvmpipe, the export's path before the CPU renderer), and
(c) the tutorial way (build the matrix with numpy, imshow with a diverging colormap,
colorbar, savefig at the same pixel size), each as a fresh process, and prints the
medians and their ratios; then a small export (64 x 64 cells) with both renderers,
where start-up is all there is. A benchmark, not a test: it never fails on a slow
machine. Needs `scripts/setup --bench`. Run after a build:
    /usr/bin/python3 bench/compare_export.py [build] [rounds]   (rounds: 7)
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
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    peviz = os.path.join(build, "peviz")
    n, d = 8192, 1024
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "mpl.py")
        with open(script, "w") as f:
            f.write(MATPLOTLIB)

        def export(name, positions, dims, extra):
            out = os.path.join(tmp, name + ".png")
            return out, [peviz, "export", "encoding", "--positions", str(positions), "--d", str(dims),
                         "--width", "1600", "--height", "1000", "--out", out] + extra

        cases = {
            "cpu": export("cpu", n, d, []),
            "gl": export("gl", n, d, ["--renderer", "gl"]),
            "matplotlib": (os.path.join(tmp, "mpl.png"),
                           ["/usr/bin/python3", script, str(n), str(d), os.path.join(tmp, "mpl.png")]),
            "cpu small": export("cpu-small", 64, 64, []),
            "gl small": export("gl-small", 64, 64, ["--renderer", "gl"]),
        }
        for _, cmd in cases.values():
            timed(cmd)  # warm the page cache
        times = {name: [] for name in cases}
        for _ in range(rounds):
            for name, (_, cmd) in cases.items():
                times[name].append(timed(cmd))
        sizes = {name: os.path.getsize(out) for name, (out, _) in cases.items()}
    med = {name: statistics.median(t) for name, t in times.items()}
    print(f"encoding {n} x {d} -> 1600 x 1000 PNG, whole process, median of {rounds}:")
    print(f"  peviz export (cpu)    {med['cpu']:7.3f} s   {sizes['cpu'] / 1e6:6.2f} MB")
    print(f"  peviz export (gl)     {med['gl']:7.3f} s   {sizes['gl'] / 1e6:6.2f} MB")
    print(f"  numpy + matplotlib    {med['matplotlib']:7.3f} s   {sizes['matplotlib'] / 1e6:6.2f} MB")
    print(f"  peviz is {med['matplotlib'] / med['cpu']:.1f}x faster (gl: {med['matplotlib'] / med['gl']:.1f}x)")
    print("encoding 64 x 64 -> 1600 x 1000 PNG:")
    print(f"  peviz export (cpu)    {med['cpu small']:7.3f} s   {sizes['cpu small'] / 1e6:6.2f} MB")
    print(f"  peviz export (gl)     {med['gl small']:7.3f} s   {sizes['gl small'] / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
