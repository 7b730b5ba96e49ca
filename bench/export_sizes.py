#!/usr/bin/python3
"""Every view exported at 100 x 64 and at 1048576 x 4096 (positions x d), each a fresh
`peviz export` process writing a 1600 x 1000 PNG: the median wall time of `rounds` runs at
each size and their ratio (issue 13: at most 2, the cost following the pixels, not the
positions). A report, not a test.

    /usr/bin/python3 bench/export_sizes.py build [rounds]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Every view with every scheme it shows (peviz export --help lists them). The export refuses an
# option a view does not use: these take no --positions, those no --d.
NO_POSITIONS = {"rope-clocks", "rope-decay", "long-context", "model", "playground"}
NO_D = {"alibi", "t5", "nope"}
CASES = [
    ("encoding", "sinusoidal"), ("encoding", "learned"),
    ("waves", "sinusoidal"), ("waves", "learned"),
    ("wavelengths", "sinusoidal"), ("wavelengths", "rope"),
    ("similarity", "sinusoidal"), ("similarity", "learned"),
    ("shift", "sinusoidal"),
    ("properties", "sinusoidal"), ("properties", "learned"),
    ("learned-structure", "learned"),
    ("alternatives", "sinusoidal"),
    ("rope-clocks", "rope"), ("rope-relative", "rope"), ("rope-decay", "rope"),
    ("precision", "rope"),
    ("long-context", "rope"), ("model", "rope"),
    ("alibi", "alibi"), ("t5", "t5"), ("nope", "nope"),
    ("playground", "learned"),
]
SIZES = [("100 x 64", 100, 64), ("1M x 4096", 1048576, 4096)]


def run(peviz, view, scheme, positions, d, out):
    start = time.perf_counter()
    args = [peviz, "export", view, "--scheme", scheme, "--out", out]
    if view not in NO_POSITIONS:
        args += ["--positions", str(positions)]
    if view not in NO_D:
        args += ["--d", str(d)]
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    only = sys.argv[3].split(",") if len(sys.argv) > 3 else None
    peviz = os.path.join(build, "peviz")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "x.png")
        print(f"{'view':18} {'scheme':11} {'100 x 64':>10} {'1M x 4096':>10} {'ratio':>7}")
        worst = (0.0, "")
        for view, scheme in CASES:
            if only and view not in only:
                continue
            medians = []
            for _, positions, d in SIZES:
                times = [run(peviz, view, scheme, positions, d, out) for _ in range(rounds)]
                medians.append(statistics.median(times))
            ratio = medians[1] / medians[0]
            worst = max(worst, (ratio, f"{view}, {scheme}"))
            print(f"{view:18} {scheme:11} {medians[0] * 1000:8.0f}ms {medians[1] * 1000:8.0f}ms "
                  f"{ratio:6.2f}x")
        print(f"largest ratio: {worst[0]:.2f}x ({worst[1]})")


if __name__ == "__main__":
    main()
