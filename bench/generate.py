#!/usr/bin/env python3
"""Writes a seeded synthetic credit-like CSV for benchmarks (never committed).

28 numeric columns, 2 categorical (8 and 40 levels), a binary target, 2 % missing values in every
feature column. Usage: generate.py ROWS OUT.csv [SEED]
"""
import math
import random
import sys


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    small = [f"s{i}" for i in range(8)]
    large = [f"l{i:02d}" for i in range(40)]
    effect_small = {c: rng.gauss(0, 0.5) for c in small}
    effect_large = {c: rng.gauss(0, 0.3) for c in large}
    weights = [rng.gauss(0, 1) / math.sqrt(28) for _ in range(28)]
    header = [f"x{i:02d}" for i in range(28)] + ["segment", "region", "target"]
    with open(out, "w", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for _ in range(rows):
            x = [rng.gauss(0, 1) for _ in range(28)]
            s, l = rng.choice(small), rng.choice(large)
            score = sum(w * v for w, v in zip(weights, x)) + 0.5 * x[0] * x[1] + effect_small[s] + effect_large[l]
            target = 1 if score + rng.gauss(0, 0.5) > 0 else 0
            cells = ["" if rng.random() < 0.02 else f"{v:.6f}" for v in x]
            cells.append("" if rng.random() < 0.02 else s)
            cells.append("" if rng.random() < 0.02 else l)
            cells.append(str(target))
            f.write(",".join(cells) + "\n")


if __name__ == "__main__":
    main()
