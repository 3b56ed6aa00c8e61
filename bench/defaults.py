#!/usr/bin/python3
"""mlship's default hyper-parameters against scikit-learn's (and XGBoost's) on the same cross-validation folds.

For each dataset of DATA/datasets.json (bench/defaults_data.py writes it) and each algorithm of its task:
  mlship: `mlship run` on a generated mlship.yaml (default prepare, `evaluate.folds`, no params unless --params
          gives some); its metrics.json holds cv.metrics.<primary>.{mean, std}.
  peer:   scikit-learn's estimator with its defaults (XGBoost's for xgboost, tree_method hist as mlship uses),
          after the same preparation mlship's defaults do: median imputation and standard scaling of numbers,
          most-frequent imputation and one-hot encoding of categories (one-hot columns are not scaled).
Folds: bench/DefaultsFolds.java prints the fold mlship puts every row in (its seeded split, then its seeded
k-fold of the training rows); the peer is scored on exactly those rows. Primary metric: AUC for two classes,
accuracy for more, R2 for regression; mean and sample standard deviation over the folds, as mlship reports.
Slow learners on large data (svm, mlp, and random forests of fully grown trees, whose ONNX export and parity check
grow with their leaves) run on a fixed random sample of SAMPLE_ROWS rows, written beside the data; the row says so.

Prints one JSON line per (dataset, algorithm) and appends it to --out. `auto` is accepted as an algorithm: its
peer is the best of scikit-learn's three default pipelines (logistic or ridge, random forest, gradient
boosting); when the mlship build does not know `auto`, the line says it was skipped.

Usage: bench/defaults.py [--data DIR] [--datasets a,b] [--algorithms x,y] [--params ALGO=JSON]... [--out FILE]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from sklearn import ensemble, linear_model, neural_network, svm, tree
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin")
SEED = 42
TEST_FRACTION = 0.2
SAMPLE_ROWS = 10000
SLOW = {"svm", "mlp", "random_forest"}
MISSING = ["", "NA", "NaN", "null"]  # mlship's default data.missing

CLASSIFIERS = ["logistic", "decision_tree", "random_forest", "gradient_boosting", "xgboost", "svm", "mlp"]
REGRESSORS = ["linear", "ridge", "lasso", "elastic_net", "decision_tree", "random_forest", "gradient_boosting",
              "xgboost", "mlp"]
# The peers of `auto`: scikit-learn's three default pipelines a data scientist tries first.
AUTO_PEERS = {"classification": ["logistic", "random_forest", "gradient_boosting"],
              "regression": ["ridge", "random_forest", "gradient_boosting"]}


def peer(algorithm, task):
    """The scikit-learn (or XGBoost) estimator with its own defaults; random_state fixed, nothing else set."""
    c = task == "classification"
    if algorithm == "xgboost":
        import xgboost
        # One thread: on a loaded 2-core machine OpenMP's waiting threads made five fits of 120 rows take 87 s.
        return (xgboost.XGBClassifier if c else xgboost.XGBRegressor)(tree_method="hist", random_state=0, n_jobs=1)
    return {
        "logistic": lambda: linear_model.LogisticRegression(),
        "linear": lambda: linear_model.LinearRegression(),
        "ridge": lambda: linear_model.Ridge(),
        "lasso": lambda: linear_model.Lasso(),
        "elastic_net": lambda: linear_model.ElasticNet(),
        "decision_tree": lambda: (tree.DecisionTreeClassifier if c else tree.DecisionTreeRegressor)(random_state=0),
        "random_forest": lambda: (ensemble.RandomForestClassifier if c else ensemble.RandomForestRegressor)(
            random_state=0, n_jobs=2),
        "gradient_boosting": lambda: (ensemble.GradientBoostingClassifier if c else ensemble.GradientBoostingRegressor)(
            random_state=0),
        "svm": lambda: svm.SVC(),
        "mlp": lambda: (neural_network.MLPClassifier if c else neural_network.MLPRegressor)(random_state=0),
    }[algorithm]()


def prepare(frame):
    categorical = [col for col in frame.columns if frame[col].dtype == object]
    numeric = [col for col in frame.columns if col not in categorical]
    return ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                                  ("onehot", OneHotEncoder(handle_unknown="ignore"))]), categorical),
    ])


def primary(task, classes):
    return "r2" if task == "regression" else "auc" if classes == 2 else "accuracy"


def score(metric, model, x, y):
    if metric == "r2":
        return r2_score(y, model.predict(x))
    if metric == "accuracy":
        return accuracy_score(y, model.predict(x))
    # AUC does not depend on which class is called positive, as long as the score is that class's.
    positive = model.classes_[1]
    s = model.decision_function(x) if not hasattr(model, "predict_proba") else model.predict_proba(x)[:, 1]
    return roc_auc_score(y == positive, s)


def compile_folds(app):
    cp = ":".join([os.path.join(app, "app", f) for f in os.listdir(os.path.join(app, "app"))] +
                  [os.path.join(app, "lib", "main", "*")])
    out = tempfile.mkdtemp(prefix="mlship-folds-")
    subprocess.run([os.path.join(JAVA, "javac"), "-cp", cp, "-d", out, os.path.join(HERE, "DefaultsFolds.java")],
                   check=True)
    return out + ":" + cp


def folds_of(classpath, path, label, task, k):
    out = subprocess.run([os.path.join(JAVA, "java"), "-cp", classpath, "DefaultsFolds", path, label, task,
                          str(TEST_FRACTION), str(SEED), str(k)], check=True, capture_output=True, text=True).stdout
    return np.array(out.split())


def peer_cv(algorithm, task, metric, frame, label, folds, k):
    rows = np.isin(folds, [str(f) for f in range(k)])
    data = frame[rows].reset_index(drop=True)
    fold = folds[rows].astype(int)
    y = data.pop(label).to_numpy()
    if task == "classification":
        y = np.unique(y.astype(str), return_inverse=True)[1]  # codes in sorted order: XGBoost wants 0..k-1
    values = []
    for f in range(k):
        model = Pipeline([("prepare", prepare(data)), ("model", peer(algorithm, task))])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # scikit-learn's defaults as they are
            model.fit(data[fold != f], y[fold != f])
        values.append(score(metric, model, data[fold == f], y[fold == f]))
    return float(np.mean(values)), float(np.std(values, ddof=1))


def mlship_cv(algorithm, task, metric, path, label, k, params, mlship):
    with tempfile.TemporaryDirectory(prefix="mlship-defaults-") as work:
        config = {
            "name": "defaults-bench",
            "data": {"path": path, "label": label, "split": {"test": TEST_FRACTION, "seed": SEED}},
            "model": {"task": task, "algorithm": algorithm, **({"params": params} if params else {})},
            "evaluate": {"primary": metric, "folds": k},
        }
        cfg = os.path.join(work, "mlship.yaml")
        with open(cfg, "w") as f:
            json.dump(config, f)  # JSON is YAML
        started = time.monotonic()
        run = subprocess.run([mlship, "run", cfg, "--out", os.path.join(work, "out")], capture_output=True, text=True)
        seconds = time.monotonic() - started
        metrics_file = os.path.join(work, "out", "metrics.json")
        if not os.path.exists(metrics_file):
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            return None, f"exit {run.returncode}: {last}", seconds
        with open(metrics_file) as f:
            cv = json.load(f)["cv"]["metrics"][metric]
        return (cv["mean"], cv["std"]), None, seconds


def sample(path, rows):
    """A fixed random sample of the file's rows, written beside it once."""
    target = path[:-4] + f"-sample{rows}.csv"
    if not os.path.exists(target):
        frame = pd.read_csv(path, keep_default_na=False, na_values=MISSING)
        frame.sample(n=rows, random_state=0).sort_index().to_csv(target, index=False)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/benchdata/defaults")
    parser.add_argument("--datasets", default="")
    parser.add_argument("--algorithms", default="")
    parser.add_argument("--params", action="append", default=[], help="ALGO=JSON params given to mlship")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="")
    parser.add_argument("--mlship", default=os.path.join(REPO, "mlship"))
    parser.add_argument("--app", default=os.path.join(REPO, "target", "quarkus-app"),
                        help="the built application whose split and folds are printed")
    parser.add_argument("--no-peer", action="store_true", help="score mlship only")
    args = parser.parse_args()
    with open(os.path.join(args.data, "datasets.json")) as f:
        catalogue = json.load(f)
    wanted = set(filter(None, args.datasets.split(",")))
    chosen = set(filter(None, args.algorithms.split(",")))
    params = {p.split("=", 1)[0]: json.loads(p.split("=", 1)[1]) for p in args.params}
    subprocess.run([args.mlship, "--version"], check=True, capture_output=True)  # builds when needed
    classpath = compile_folds(args.app)
    done = set()
    if args.out and os.path.exists(args.out):  # a run cut short goes on where it stopped
        with open(args.out) as f:
            done = {(r["dataset"], r["algorithm"]) for r in map(json.loads, filter(str.strip, f))}
    started = time.monotonic()
    for d in catalogue:
        if wanted and d["name"] not in wanted:
            continue
        task = d["task"]
        metric = primary(task, d["classes"])
        algorithms = (CLASSIFIERS if task == "classification" else REGRESSORS) + ["auto"]
        for algorithm in algorithms:
            if (chosen and algorithm not in chosen) or (d["name"], algorithm) in done:
                continue
            path = os.path.join(args.data, d["file"])
            sampled = algorithm in SLOW and d["rows"] > SAMPLE_ROWS
            if sampled:
                path = sample(path, SAMPLE_ROWS)
            frame = pd.read_csv(path, keep_default_na=False, na_values=MISSING)
            folds = folds_of(classpath, path, d["label"], task, args.folds)
            row = {"dataset": d["name"], "algorithm": algorithm, "metric": metric,
                   "rows": SAMPLE_ROWS if sampled else d["rows"], "sampled": sampled,
                   "mlship_params": params.get(algorithm, {})}
            ours, skipped, seconds = mlship_cv(algorithm, task, metric, path, d["label"], args.folds,
                                               params.get(algorithm), args.mlship)
            row["mlship_s"] = round(seconds, 1)
            if skipped:
                row["skipped"] = skipped
            else:
                row["mlship"] = ours
            if not args.no_peer:
                t = time.monotonic()
                if algorithm == "auto":
                    scored = {a: peer_cv(a, task, metric, frame, d["label"], folds, args.folds)
                              for a in AUTO_PEERS[task]}
                    best = max(scored, key=lambda a: scored[a][0])
                    row["peer"] = scored[best]
                    row["peer_name"] = "best sklearn default: " + best
                else:
                    row["peer"] = peer_cv(algorithm, task, metric, frame, d["label"], folds, args.folds)
                row["peer_s"] = round(time.monotonic() - t, 1)
            line = json.dumps(row)
            print(line, flush=True)
            if args.out:
                with open(args.out, "a") as f:
                    f.write(line + "\n")
    print(f"# {time.monotonic() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
