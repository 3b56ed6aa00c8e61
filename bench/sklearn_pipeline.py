#!/usr/bin/python3
"""The scikit-learn side of bench/compare.sh: the same pipeline as `mlship run` on the same CSV.

Read with pandas; an 80/20 split stratified on the label with the same seed; median imputer + standard
scaler for numbers, most-frequent imputer + one-hot for categories; 2-fold stratified cross-validation on
the training rows (mlship always cross-validates), a refit on all of them, then predicting the test rows.
Prints one JSON line of stage times, the read rate and the test AUC.

Usage: sklearn_pipeline.py CSV ALGORITHM [THREADS]
  ALGORITHM: logistic | random_forest | gradient_boosting | hist_gradient_boosting | hist_gradient_boosting_d6
"""
import json
import os
import sys
import time

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 42


def model(name, threads):
    # The same hyper-parameters as bench/compare.sh gives mlship.
    if name == "logistic":
        return LogisticRegression(C=1.0, tol=1e-5, max_iter=500)
    if name == "random_forest":
        return RandomForestClassifier(n_estimators=100, max_depth=12, min_samples_leaf=5, max_features="sqrt",
                                      n_jobs=threads, random_state=SEED)
    if name == "gradient_boosting":
        return GradientBoostingClassifier(n_estimators=100, max_depth=3, learning_rate=0.1, min_samples_leaf=5,
                                          subsample=1.0, random_state=SEED)
    if name == "hist_gradient_boosting":
        return HistGradientBoostingClassifier(max_iter=100, max_depth=3, learning_rate=0.1, max_bins=255,
                                              early_stopping=False, random_state=SEED)
    if name == "hist_gradient_boosting_d6":
        return HistGradientBoostingClassifier(max_iter=100, max_depth=6, max_leaf_nodes=31, learning_rate=0.1,
                                              max_bins=255, early_stopping=False, random_state=SEED)
    raise SystemExit(f"unknown algorithm {name}")


def main():
    path, name = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    t0 = time.perf_counter()
    data = pd.read_csv(path, keep_default_na=False, na_values=["", "NA", "NaN", "null"])
    t1 = time.perf_counter()
    y = data.pop("target").to_numpy()
    categorical = [c for c in data.columns if data[c].dtype == object]
    numeric = [c for c in data.columns if c not in categorical]
    x_train, x_test, y_train, y_test = train_test_split(data, y, test_size=0.2, stratify=y, random_state=SEED)
    prepare = ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                  ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ])
    pipeline = Pipeline([("prepare", prepare), ("model", model(name, threads))])
    t2 = time.perf_counter()
    cv = cross_val_score(pipeline, x_train, y_train, scoring="roc_auc",
                         cv=StratifiedKFold(n_splits=2, shuffle=True, random_state=SEED))
    t3 = time.perf_counter()
    pipeline.fit(x_train, y_train)
    t4 = time.perf_counter()
    auc = roc_auc_score(y_test, pipeline.predict_proba(x_test)[:, 1])
    t5 = time.perf_counter()
    print(json.dumps({"read_s": round(t1 - t0, 3), "read_mb_s": round(os.path.getsize(path) / 1e6 / (t1 - t0), 1),
                      "split_s": round(t2 - t1, 3), "cv_s": round(t3 - t2, 3), "fit_s": round(t4 - t3, 3),
                      "predict_s": round(t5 - t4, 3), "cv_auc": round(float(cv.mean()), 4), "auc": round(auc, 4)}))


if __name__ == "__main__":
    main()
