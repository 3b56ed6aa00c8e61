#!/usr/bin/python3
"""Exports the public tabular datasets that bench/defaults.py scores to CSV, outside the repository.

Sources, all installable from Debian without network access to anything else:
  scikit-learn's bundled sets (python3-sklearn): iris, wine, breast_cancer, diabetes, digits;
  R data packages through Rscript (r-base-core, r-cran-mlbench, r-cran-ggplot2): mlbench's
  PimaIndiansDiabetes2 and Soybean, ggplot2's txhousing and diamonds;
  the repository's examples/: credit-risk, cpu-performance, penguins.
Writes DIR/<name>.csv and DIR/datasets.json (name, file, label, task, source, rows, columns, categoricals,
missing cells). Missing values are written as empty fields, which both mlship and pandas read as missing.

Usage: bench/defaults_data.py [DIR]   (default /work/benchdata/defaults)
"""
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
from sklearn import datasets as sk

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "examples")

# R writes each data set as it is shipped; factor columns become text. Soybean's factor levels are codes
# ("0", "1", ...) that are categories, not quantities, so they get a letter in front to stay categorical.
R_EXPORT = r"""
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
suppressMessages({library(mlbench); library(ggplot2)})
data(PimaIndiansDiabetes2, package = "mlbench")
write.csv(PimaIndiansDiabetes2, file.path(out, "pima.csv"), row.names = FALSE, na = "")
data(Soybean, package = "mlbench")
soy <- Soybean
for (n in setdiff(names(soy), "Class")) soy[[n]] <- ifelse(is.na(soy[[n]]), NA, paste0("v", as.character(soy[[n]])))
write.csv(soy, file.path(out, "soybean.csv"), row.names = FALSE, na = "")
tx <- as.data.frame(ggplot2::txhousing)
tx$date <- NULL
write.csv(tx, file.path(out, "txhousing.csv"), row.names = FALSE, na = "")
d <- as.data.frame(ggplot2::diamonds)
for (n in c("cut", "color", "clarity")) d[[n]] <- as.character(d[[n]])
write.csv(d, file.path(out, "diamonds.csv"), row.names = FALSE, na = "")
"""

# name -> (label, task, source)
CATALOGUE = {
    "iris": ("species", "classification", "scikit-learn load_iris (Fisher 1936)"),
    "wine": ("cultivar", "classification", "scikit-learn load_wine (UCI Wine)"),
    "breast_cancer": ("diagnosis", "classification", "scikit-learn load_breast_cancer (UCI WDBC)"),
    "diabetes": ("progression", "regression", "scikit-learn load_diabetes (Efron et al. 2004)"),
    "digits": ("digit", "classification", "scikit-learn load_digits (UCI optical digits, 8x8)"),
    "credit_risk": ("Status", "classification", "examples/credit-risk (R modeldata credit_data)"),
    "cpu_performance": ("performance", "regression", "examples/cpu-performance (UCI CPU performance, Weka cpu.arff)"),
    "penguins": ("species", "classification", "examples/penguins (R modeldata penguins, Palmer penguins)"),
    "pima": ("diabetes", "classification", "R mlbench PimaIndiansDiabetes2 (zeros recoded as missing)"),
    "soybean": ("Class", "classification", "R mlbench Soybean (UCI soybean large)"),
    "txhousing": ("median", "regression", "R ggplot2 txhousing (Texas housing sales 2000-2015)"),
    "diamonds": ("price", "regression", "R ggplot2 diamonds"),
}


def sklearn_frame(loader, label, names=None):
    bunch = loader(as_frame=True)
    frame = bunch.frame.rename(columns={"target": label})
    if names is not None:
        frame[label] = [names[int(v)] for v in frame[label]]
    return frame


def export(out):
    os.makedirs(out, exist_ok=True)
    frames = {
        "iris": sklearn_frame(sk.load_iris, "species", ["setosa", "versicolor", "virginica"]),
        "wine": sklearn_frame(sk.load_wine, "cultivar", ["c0", "c1", "c2"]),
        "breast_cancer": sklearn_frame(sk.load_breast_cancer, "diagnosis", ["malignant", "benign"]),
        "diabetes": sklearn_frame(sk.load_diabetes, "progression"),
        "digits": sklearn_frame(sk.load_digits, "digit", [f"d{i}" for i in range(10)]),
    }
    for name, frame in frames.items():
        frame.to_csv(os.path.join(out, f"{name}.csv"), index=False)
    for name, path in {"credit_risk": "credit-risk/data/credit.csv", "cpu_performance": "cpu-performance/data/cpu.csv",
                       "penguins": "penguins/data/penguins.csv"}.items():
        shutil.copyfile(os.path.join(EXAMPLES, path), os.path.join(out, f"{name}.csv"))
    subprocess.run(["Rscript", "-e", R_EXPORT, out], check=True)
    manifest = []
    for name, (label, task, source) in CATALOGUE.items():
        frame = pd.read_csv(os.path.join(out, f"{name}.csv"), keep_default_na=False, na_values=["", "NA", "NaN", "null"])
        features = frame.drop(columns=[label])
        categoricals = [c for c in features.columns if features[c].dtype == object]
        manifest.append({"name": name, "file": f"{name}.csv", "label": label, "task": task, "source": source,
                         "rows": len(frame), "features": features.shape[1], "categoricals": len(categoricals),
                         "missing_cells": int(features.isna().sum().sum()), "unlabelled": int(frame[label].isna().sum()),
                         "classes": int(frame[label].nunique()) if task == "classification" else None})
    with open(os.path.join(out, "datasets.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    for m in manifest:
        print(json.dumps(m))


if __name__ == "__main__":
    export(sys.argv[1] if len(sys.argv) > 1 else "/work/benchdata/defaults")
