"""``make bench``: the pipeline's speed against bare ``nlp.pipe``, and its peak memory.

One run: generate N articles (:mod:`pipeline.corpus`), clean them, time bare ``nlp.pipe`` with
the same model over the same clean texts, then time a cold ``extract`` of the same files, each
in a fresh process that reports its own time and peak memory (max RSS); then the same for a
corpus ten times larger. Prints a Markdown report (the body of BENCHMARKS.md).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BARE = """
import json, sys, time, resource, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(sys.argv[2])
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3]), n_process=int(sys.argv[4])):
    pass
print(json.dumps({"seconds": time.perf_counter() - start,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


EXTRACT = """
import json, sys, time, resource
from pipeline.cli import main
start = time.perf_counter()
status = main(["extract", "--raw", sys.argv[1], "--out", sys.argv[2], "--config", sys.argv[3]])
print(json.dumps({"seconds": time.perf_counter() - start, "status": status,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def child(code: str, *args: str) -> dict:
    """Run one measurement in a fresh process, which reports its own time and peak RSS (KiB)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(n: int, work: Path, config_dir: Path, raw: Path) -> dict:
    from pipeline import corpus
    from pipeline.config import load_config

    config = load_config(config_dir)
    corpus_dir = work / f"raw-{n}"
    corpus.generate(raw, corpus_dir, config, n=n, seed=0)
    texts = corpus.sample_texts(corpus_dir, config)
    words = sum(len(t.split()) for t in texts)
    texts_file = work / f"texts-{n}.json"
    texts_file.write_text(json.dumps(texts))
    bare = child(BARE, str(texts_file), config.pipeline.model, str(config.pipeline.batch_size), "1")
    run = child(EXTRACT, str(corpus_dir), str(work / f"out-{n}"), str(config_dir))
    return {"articles": n, "words": words, "bare_seconds": bare["seconds"], "bare_wps": words / bare["seconds"],
            "extract_seconds": run["seconds"], "extract_wps": words / run["seconds"],
            "extract_maxrss_mb": run["maxrss_kb"] / 1024}


def report(small: dict, large: dict, command: str) -> str:
    rows = [f"| {r['articles']} | {r['words']} | {r['bare_wps']:.0f} | {r['extract_wps']:.0f} | "
            f"{r['extract_wps'] / r['bare_wps']:.2f} | {r['extract_maxrss_mb']:.0f} |" for r in (small, large)]
    ratio = large["extract_maxrss_mb"] / small["extract_maxrss_mb"]
    return "\n".join([
        "# Benchmarks", "", f"Command: `{command}` (one process; this project's 2-core machine).", "",
        "`extract` is a cold run (fresh OUT) of every stage, from raw files to all tables, in its own process;",
        "bare is `nlp.pipe` of the same model over the same clean texts, also in its own process. Words are",
        "whitespace-separated words of the clean texts.", "",
        "| articles | words | bare nlp.pipe words/s | extract words/s | extract / bare | extract peak MB |",
        "| --- | --- | --- | --- | --- | --- |", *rows, "",
        f"Peak memory, 10x corpus / 1x corpus: {ratio:.2f} (target 1.3).",
        f"Speed, extract / bare on the 10x corpus: {large['extract_wps'] / large['bare_wps']:.2f} (target 0.8).", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="articles in the 1x corpus (default 200)")
    parser.add_argument("--raw", type=Path, default=Path("raw"))
    parser.add_argument("--config", type=Path, default=Path("configs"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ct-bench-") as tmp:
        small = measure(args.n, Path(tmp), args.config, args.raw)
        large = measure(args.n * 10, Path(tmp), args.config, args.raw)
    print(report(small, large, f"make bench N={args.n}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
