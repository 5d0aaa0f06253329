"""The Spaceflights computation in pandas and scikit-learn, as the reference for Kedro.NET's sample.

Kedro itself cannot be installed on the benchmark machine (no PyPI), so this script does what the
spaceflights-pandas starter's data_processing and data_science nodes do, written out directly: read the three raw
files, preprocess companies and shuttles, merge them with the reviews, drop incomplete rows, split with
train_test_split, fit LinearRegression and compute r2_score. It prints the R^2 (the line the starter logs), the row
counts and the pipeline time (from reading the raw files to the score; Python's imports excluded).

Usage (Debian's python3 with python3-pandas, python3-sklearn, python3-openpyxl):
    /usr/bin/python3 benchmarks/spaceflights/reference.py samples/Spaceflights/data/01_raw [--repeat N]

Row order: pandas 2.2 and later keep an inner merge in the left table's row order (and, for each left row, its
right matches in order); earlier pandas (Debian ships 1.5) groups equal keys together. The split depends on the row
order, so merge() below sorts by the left then the right row number to give pandas 2.2's order on any version.
"""
import argparse
import os
import time

import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split

FEATURES = ["engines", "passenger_capacity", "crew", "d_check_complete", "moon_clearance_complete",
            "iata_approved", "company_rating", "review_scores_rating"]


def merge(left, right, left_on, right_on):
    """An inner merge in pandas >= 2.2's row order, on any pandas version."""
    left = left.assign(_left_row=range(len(left)))
    right = right.assign(_right_row=range(len(right)))
    merged = left.merge(right, left_on=left_on, right_on=right_on)
    merged = merged.sort_values(["_left_row", "_right_row"], kind="stable")
    return merged.drop(columns=["_left_row", "_right_row"]).reset_index(drop=True)


def run(raw):
    companies = pd.read_csv(os.path.join(raw, "companies.csv"))
    reviews = pd.read_csv(os.path.join(raw, "reviews.csv"))
    shuttles = pd.read_excel(os.path.join(raw, "shuttles.xlsx"), engine="openpyxl")

    companies["iata_approved"] = companies["iata_approved"] == "t"
    companies["company_rating"] = companies["company_rating"].str.replace("%", "").astype(float) / 100
    shuttles["d_check_complete"] = shuttles["d_check_complete"] == "t"
    shuttles["moon_clearance_complete"] = shuttles["moon_clearance_complete"] == "t"
    shuttles["price"] = shuttles["price"].str.replace("$", "", regex=False).str.replace(",", "", regex=False).astype(float)

    rated = merge(shuttles, reviews, "id", "shuttle_id").drop("id", axis=1)
    table = merge(rated, companies, "company_id", "id").dropna()

    x_train, x_test, y_train, y_test = train_test_split(table[FEATURES], table["price"], test_size=0.2, random_state=3)
    regressor = LinearRegression().fit(x_train, y_train)
    score = r2_score(y_test, regressor.predict(x_test))
    return score, len(table), regressor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("raw", help="the folder holding companies.csv, reviews.csv and shuttles.xlsx")
    parser.add_argument("--repeat", type=int, default=1, help="runs to time; the fastest is reported")
    args = parser.parse_args()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        score, rows, regressor = run(args.raw)
        times.append(time.perf_counter() - start)
    print("Model has a coefficient R^2 of %.3f on test data." % score)
    print("r2_score=%r model_input_rows=%d" % (score, rows))
    print("coef=%s intercept=%r" % (list(regressor.coef_), regressor.intercept_))
    print("pipeline_seconds=%.3f (fastest of %d; all: %s)" % (min(times), len(times), ", ".join("%.3f" % t for t in times)))


if __name__ == "__main__":
    main()
