"""Parallel entry script (RunFunction) for parallel-tabular-scoring.yml.

With tabular input, run() receives the mini-batch's rows as a list of dicts (column name -> the
value as text, as in the CSV); it returns one prediction per row, appended to
parallel_run_step.txt.
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


def run(mini_batch: list[dict]) -> list[str]:
    predictions = []
    for row in mini_batch:
        predicted = predict(float(row["petal_length"]), float(row["petal_width"]))
        actual = row.get(species_column, "")
        predictions.append(f"{predicted},{actual},{predicted == actual}")
    return predictions
