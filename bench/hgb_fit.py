#!/usr/bin/env python3
"""The scikit-learn side of bench/xgboost-vs-hgb.sh: HistGradientBoostingClassifier on the same rows.

Same preparation as mlship with impute numeric none: numeric NaN kept (HGB learns where it goes),
categories with a missing value filled with the training mode, then one-hot. Usage:
hgb_fit.py CSV TRAIN DEPTH LEAVES   (LEAVES 0: no leaf limit, as depthwise XGBoost)
"""
import sys
import time

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def main():
    start = time.perf_counter()
    path, train_rows, depth, leaves = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    data = pd.read_csv(path, keep_default_na=False, na_values=[""])
    train, test = data.iloc[:train_rows], data.iloc[train_rows:]
    read = time.perf_counter()
    categorical = ["segment", "region"]

    def prepare(frame):
        x = frame.drop(columns=["target"]).copy()
        for c in categorical:
            x[c] = pd.Categorical(x[c].fillna(train[c].mode()[0]), categories=sorted(train[c].dropna().unique()))
        return pd.get_dummies(x, columns=categorical, dtype=float).to_numpy(dtype="float64")

    model = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_depth=depth,
                                           max_leaf_nodes=leaves if leaves > 0 else None, max_bins=255,
                                           early_stopping=False, random_state=42)
    model.fit(prepare(train), train["target"].to_numpy())
    fit = time.perf_counter()
    auc = roc_auc_score(test["target"].to_numpy(), model.predict_proba(prepare(test))[:, 1])
    done = time.perf_counter()
    print(f"hgb read {read - start:.1f} s, prepare+fit {fit - read:.1f} s, predict {done - fit:.1f} s, auc {auc:.4f}")


if __name__ == "__main__":
    main()
