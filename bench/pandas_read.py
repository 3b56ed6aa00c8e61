#!/usr/bin/python3
"""pandas.read_csv alone, with the missing markers mlship uses, first call in a fresh process (pandas is
imported before the clock starts). Prints one JSON line per repeat. Usage: pandas_read.py CSV [REPEATS]"""
import json
import os
import sys
import time

import pandas as pd


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for _ in range(repeats):
        start = time.perf_counter()
        data = pd.read_csv(path, keep_default_na=False, na_values=["", "NA", "NaN", "null"])
        s = time.perf_counter() - start
        print(json.dumps({"read_s": round(s, 3), "read_mb_s": round(os.path.getsize(path) / 1e6 / s, 1),
                          "rows": len(data), "columns": len(data.columns)}))


if __name__ == "__main__":
    main()
