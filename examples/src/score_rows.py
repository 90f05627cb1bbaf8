"""Parallel entry script (RunFunction) for parallel-tabular-scoring.yml.

With tabular input, run() receives a pandas DataFrame holding a mini-batch of rows; it returns
one prediction per row, appended to parallel_run_step.txt.
"""
import argparse
import os

species_column = "species"


def init() -> None:
    global species_column
    parser = argparse.ArgumentParser()
    parser.add_argument("--species-column", default="species")
    args, _unknown = parser.parse_known_args()
    species_column = args.species_column
    print(f"scoring mode: {os.environ.get('SCORING_MODE', 'petal-rule')}")


def predict(petal_length: float, petal_width: float) -> str:
    if petal_length < 2.5:
        return "setosa"
    return "versicolor" if petal_width < 1.75 else "virginica"


def run(mini_batch):  # a pandas.DataFrame
    predictions = []
    for row in mini_batch.itertuples(index=False):
        predicted = predict(row.petal_length, row.petal_width)
        actual = getattr(row, species_column, "")
        predictions.append(f"{predicted},{actual},{predicted == actual}")
    return predictions
