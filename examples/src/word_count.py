"""Counts words in every text file of a folder and writes a report (used by inputs-outputs.yml)."""
import argparse
import collections
import json
import pathlib


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=pathlib.Path, required=True)
    parser.add_argument("--min-length", type=int, default=1)
    parser.add_argument("--stop-words", type=pathlib.Path)
    parser.add_argument("--report", type=pathlib.Path, required=True)
    args = parser.parse_args()

    stop_words = set(args.stop_words.read_text().split()) if args.stop_words else set()
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted(args.texts.rglob("*.txt")):
        for word in path.read_text(encoding="utf-8").lower().split():
            word = word.strip(".,;:!?\"'()")
            if len(word) >= args.min_length and word not in stop_words:
                counts[word] += 1

    args.report.mkdir(parents=True, exist_ok=True)
    (args.report / "word_counts.json").write_text(json.dumps(counts.most_common(), indent=2))
    print(f"{sum(counts.values())} words, {len(counts)} distinct")


if __name__ == "__main__":
    main()
