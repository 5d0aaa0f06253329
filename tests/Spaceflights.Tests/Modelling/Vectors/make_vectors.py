"""Writes the NumPy / scikit-learn reference vectors the Modelling tests pin.

Run once with Debian's Python (python3-numpy, python3-sklearn):
    /usr/bin/python3 tests/Spaceflights.Tests/Modelling/Vectors/make_vectors.py
The tests read the JSON files; they never run Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))


def split_cases():
    cases = []
    for n, test_size, seed in [(10, 0.2, 3), (15, 0.2, 3), (7, 0.5, 0), (100, 0.25, 42),
                               (1000, 0.2, 3), (33, 0.1, 4294967295), (2, 0.5, 1), (25, 0.28, 3)]:
        train, test = train_test_split(np.arange(n), test_size=test_size, random_state=seed)
        cases.append({"n": n, "test_size": test_size, "random_state": seed,
                      "train": train.tolist(), "test": test.tolist()})
    return cases


def state_cases():
    cases = []
    for seed in [0, 3, 5489, 4294967295]:
        rs = np.random.RandomState(seed)
        key = rs.get_state()[1]
        draws = rs.randint(0, 2**32, size=8, dtype=np.uint64)
        cases.append({"seed": seed, "key_head": [int(k) for k in key[:4]],
                      "key_last": int(key[-1]), "first_uint32": [int(d) for d in draws]})
    return cases


def regression_cases():
    rng = np.random.RandomState(7)
    cases = {}
    x = rng.normal(size=(40, 3)) * [1.0, 10.0, 0.1]
    cases["well_conditioned"] = (x, x @ [2.0, -0.5, 30.0] + 4.0 + rng.normal(size=40))
    x = np.column_stack([rng.normal(size=25), np.full(25, 5.0), rng.normal(size=25)])
    cases["constant_column"] = (x, 3.0 * x[:, 0] - 1.0 * x[:, 2] + 2.0 + rng.normal(size=25) * 0.1)
    a = rng.normal(size=30)
    b = rng.normal(size=30)
    x = np.column_stack([a, b, 2.0 * a])
    cases["collinear_column"] = (x, 1.5 * a - 2.0 * b + 0.3 + rng.normal(size=30) * 0.1)
    x = np.column_stack([a, a, b])
    cases["duplicated_column"] = (x, a + b + rng.normal(size=30) * 0.1)
    x = np.column_stack([rng.randint(1, 4, size=60).astype(float), rng.randint(1, 12, size=60).astype(float),
                         rng.randint(0, 2, size=60).astype(float), rng.uniform(0.2, 1.0, size=60)])
    cases["spaceflights_like"] = (x, x @ [250.0, 180.0, 300.0, 800.0] + 500 + rng.normal(size=60) * 300)
    out = []
    for name, (x, y) in cases.items():
        model = LinearRegression().fit(x, y)
        out.append({"name": name, "x": x.tolist(), "y": y.tolist(), "coef": model.coef_.tolist(),
                    "intercept": float(model.intercept_), "rank": int(model.rank_),
                    "singular": model.singular_.tolist(), "score": float(model.score(x, y))})
    return out


def main():
    meta = {"numpy": np.__version__, "sklearn": sklearn.__version__}
    with open(os.path.join(HERE, "train_test_split.json"), "w") as f:
        json.dump({"made_with": meta, "states": state_cases(), "splits": split_cases()}, f, indent=1)
    with open(os.path.join(HERE, "linear_regression.json"), "w") as f:
        json.dump({"made_with": meta, "cases": regression_cases()}, f, indent=1)


if __name__ == "__main__":
    main()
