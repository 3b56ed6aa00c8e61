#!/usr/bin/python3
"""Renders bench/defaults.py's JSON lines as the Markdown tables of docs/algorithms.md.

One table per task: a row per dataset, a column per algorithm, each cell "mlship mean ± std / peer mean ± std"
of the primary metric over the same folds. A cell is marked ✗ when mlship's mean is below the peer's mean
minus the peer's standard deviation (every primary metric here is higher-is-better), and * when the
algorithm ran on a fixed sample of the rows. A later line for the same dataset and algorithm replaces an
earlier one.

Usage: bench/defaults_table.py RESULTS.jsonl... (later files replace earlier lines; DATA_DIR from DEFAULTS_DATA,
default /work/benchdata/defaults)
"""
import json
import os
import sys

ORDER = ["logistic", "linear", "ridge", "lasso", "elastic_net", "decision_tree", "random_forest",
         "gradient_boosting", "xgboost", "svm", "mlp", "auto"]


def cell(r):
    if "skipped" in r:
        return "skipped"
    m, p = r["mlship"], r.get("peer")
    text = f"{m[0]:.3f} ± {m[1]:.3f}"
    if p is not None:
        text += f" / {p[0]:.3f} ± {p[1]:.3f}"
        if m[0] < p[0] - p[1]:
            text += " ✗"
    return text + (" *" if r.get("sampled") else "")


def main():
    results = {}
    for name in sys.argv[1:]:
        with open(name) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    results[(r["dataset"], r["algorithm"])] = r
    data_dir = os.environ.get("DEFAULTS_DATA", "/work/benchdata/defaults")
    with open(os.path.join(data_dir, "datasets.json")) as f:
        catalogue = {d["name"]: d for d in json.load(f)}
    for task in ["classification", "regression"]:
        names = [n for n in catalogue if catalogue[n]["task"] == task and any(k[0] == n for k in results)]
        algorithms = [a for a in ORDER if any(k[1] == a and k[0] in names for k in results)]
        if not names:
            continue
        print(f"\n### {task.capitalize()}\n")
        print("| dataset (metric) | " + " | ".join(f"`{a}`" for a in algorithms) + " |")
        print("|---|" + "---:|" * len(algorithms))
        for n in names:
            metric = next(r["metric"] for k, r in results.items() if k[0] == n)
            cells = [cell(results[(n, a)]) if (n, a) in results else "–" for a in algorithms]
            print(f"| {n} ({metric}) | " + " | ".join(cells) + " |")
    worse = [r for r in results.values() if "mlship" in r and r.get("peer") and r["mlship"][0] < r["peer"][0] - r["peer"][1]]
    print(f"\nCells worse than the peer by more than the peer's std: {len(worse)} of "
          f"{sum(1 for r in results.values() if 'mlship' in r and r.get('peer'))}.")
    seconds = sum(r.get("mlship_s", 0) + r.get("peer_s", 0) for r in results.values())
    print(f"Time in mlship runs and peer fits: {seconds / 60:.1f} min.")


if __name__ == "__main__":
    main()
