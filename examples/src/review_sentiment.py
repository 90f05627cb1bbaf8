"""Parallel entry script (RunFunction) for parallel-with-failures.yml.

Scores the sentiment of each review file. Two of the files are deliberately corrupt: run() raises
for a mini-batch holding one, the mini-batch is retried (retry_settings.max_retries) and then
counted as failed; the job still completes because the failures stay under
mini_batch_error_threshold and error_threshold. See logs/job_error.txt for what failed.
"""
import pathlib

POSITIVE = {"works", "good", "great", "described", "time"}


def init() -> None:
    print("sentiment scorer ready")


def run(mini_batch: list[str]) -> list[str]:
    rows = []
    for name in mini_batch:
        path = pathlib.Path(name)
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("CORRUPT"):
            raise ValueError(f"{path.name} is corrupt")
        words = text.lower().split()
        score = sum(word.strip(".,:") in POSITIVE for word in words) / max(len(words), 1)
        rows.append(f"{path.name},{score:.2f}")
    return rows
