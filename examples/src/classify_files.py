"""Parallel entry script (RunFunction) for parallel-file-classification.yml.

init() runs once per worker process; run(mini_batch) once per mini-batch, with a list of file
paths. Each returned row is appended to the output file; returning fewer rows than inputs marks
the mini-batch as failed.
"""
import argparse
import mimetypes
import pathlib

max_bytes = 0


def init() -> None:
    global max_bytes
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-bytes", type=int, default=1 << 20)
    args, _unknown = parser.parse_known_args()
    max_bytes = args.max_bytes


def run(mini_batch: list[str]) -> list[str]:
    rows = []
    for name in mini_batch:
        path = pathlib.Path(name)
        size = path.stat().st_size
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        verdict = "too-large" if size > max_bytes else "ok"
        rows.append(f"{path.name},{kind},{size},{verdict}")
    return rows
