"""`python -m bench.run`: build, incremental, query-latency and HTTP figures at corpus scale.

Prints one JSON document and appends a summary line to ``bench/results.md``.

    python -m bench.run                      # full OrangeSum (36,152 articles), with HTTP
    python -m bench.run --limit 3615 --no-http
    python -m bench.run --scale 10           # 361,520 articles
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import latency, load
from .corpus import CHUNK, orangesum, scaled, write_chunks
from .report import append_result, machine

# Run in a child process so that its peak RSS is the build's own.
BUILD = r"""
import json, resource, sys, time
from pathlib import Path
from indexer.store import sync
corpus, index_dir, actors = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
annotator = None
t0 = time.perf_counter()
if actors:
    from indexer.actors import make_annotator
    annotator = make_annotator(index_dir)
load_s = time.perf_counter() - t0
r = sync(corpus, index_dir, rebuild=True, annotator=annotator)
print(json.dumps({"seconds": r.seconds, "documents": r.documents, "errors": len(r.errors),
                  "timings": r.timings, "annotator_load_s": load_s,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def actors_available() -> bool:
    """Whether ``indexer.actors.make_annotator`` exists in this checkout."""
    try:
        from indexer import actors  # type: ignore[attr-defined]
    except ImportError:
        return False
    return hasattr(actors, "make_annotator")


def dir_mb(path: Path) -> float:
    """Size on disk of every file under ``path``, in MB."""
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def build(corpus: Path, index_dir: Path, actors: bool) -> dict[str, object]:
    """A full build from scratch in a child process: wall time, rate, peak RSS, size, shares."""
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(index_dir), "1" if actors else "0"],
                         capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1] if res.stderr.strip() else "failed"}
    r = json.loads(res.stdout.strip().splitlines()[-1])
    timings = {k: round(v, 2) for k, v in r["timings"].items()}
    total = sum(timings.values()) or 1.0
    return {
        "wall_s": round(wall, 1),
        "sync_s": round(r["seconds"], 1),
        "documents": r["documents"],
        "errors": r["errors"],
        "articles_per_s": round(r["documents"] / r["seconds"], 1),
        "peak_rss_mb": round(r["peak_rss_mb"], 1),
        "index_mb": dir_mb(index_dir),
        "timings_s": timings,
        "shares": {k: round(v / total, 3) for k, v in timings.items()},
        "annotator_load_s": round(r["annotator_load_s"], 2),
    }


def incremental(corpus: Path, index_dir: Path, records: list[dict[str, str]], scale: int = 1,
                actors: bool = False) -> dict[str, object]:
    """Add one new file of CHUNK articles, change one, delete one: a sync after each.

    With ``actors`` each sync runs the actor annotator too (NER on the new text, the cache for
    the rest), as ``presse index`` does. A last ``restore`` step puts the corpus back as built
    (the index then serves bench.quality).
    """
    from indexer.store import sync

    annotator = None
    if actors:
        from indexer.actors import make_annotator
        annotator = make_annotator(index_dir)

    out: dict[str, object] = {"articles_per_step": CHUNK}
    new = [dict(r, id=f"{r['id']}-nouveau") for r in records[:CHUNK]]
    write_chunks(iter(new), corpus, prefix="zz-nouveaux")
    files = sorted(corpus.glob("orangesum-*.jsonl"))
    steps = {
        "add": lambda: None,
        "change": lambda: _retitle(files[len(files) // 3]),
        "delete": lambda: files[2 * len(files) // 3].unlink(),
        "restore": lambda: restore(corpus, records, scale),
    }
    for name, change in steps.items():
        change()
        r = sync(corpus, index_dir, annotator=annotator)
        out[name] = {"seconds": round(r.seconds, 2), "added": r.added, "modified": r.modified,
                     "deleted": r.deleted, "documents": r.documents,
                     "timings_s": {k: round(v, 2) for k, v in r.timings.items()}}
    return out


def restore(corpus: Path, records: list[dict[str, str]], scale: int = 1) -> None:
    """Rewrite the corpus files as first written and drop the added one."""
    for path in corpus.glob("zz-nouveaux-*.jsonl"):
        path.unlink()
    write_chunks(scaled(records, scale), corpus)


def _retitle(path: Path) -> None:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    path.write_text("".join(json.dumps(dict(r, title=r["title"] + " (mis à jour)"), ensure_ascii=False)
                            + "\n" for r in lines), encoding="utf-8")


def summary_line(doc: dict[str, object]) -> str:
    """One Markdown bullet for ``bench/results.md``."""

    def g(*keys: str) -> object:
        d: object = doc
        for k in keys:
            d = d.get(k, {}) if isinstance(d, dict) else {}
        return d if d != {} else "–"

    lat = " ".join(f"{v} p50/p95 {g('latency', v, 'p50')}/{g('latency', v, 'p95')} ms;"
                   for v in ("a_top10", "b_snippets", "c_snippets_facets", "d_everything_2_filters"))
    http = " ".join(f"{w} worker(s): " + " ".join(
        f"c{c} {g(key, f'c{c}', 'req_per_s')} req/s p95 {g(key, f'c{c}', 'p95_ms')} ms "
        f"errors {g(key, f'c{c}', 'errors')};" for c in (1, 8, 32))
        for w, key in ((1, "http"), (2, "http_workers_2")))
    actors = (f"{g('build_actors', 'wall_s')} s (warm cache {g('build_actors_warm', 'wall_s')} s)"
              if isinstance(doc.get("build_actors_warm"), dict) else "not run")
    return (f"- run {doc['date']} UTC, {doc['articles']} articles (scale {doc['scale']}), load at start "
            f"{g('machine', 'load_avg_at_start')}{'; ' + str(doc['note']) if doc.get('note') else ''}: "
            f"build {g('build', 'wall_s')} s "
            f"({g('build', 'articles_per_s')} art/s, peak {g('build', 'peak_rss_mb')} MB, index "
            f"{g('build', 'index_mb')} MB), with actors {actors}; "
            f"measured on the index {g('measured_index')}; incremental add/change/delete 100: "
            f"{g('incremental', 'add', 'seconds')}/{g('incremental', 'change', 'seconds')}/"
            f"{g('incremental', 'delete', 'seconds')} s; {lat} http {http}")


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Run the benchmark; print the JSON document; append the summary line."""
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--limit", type=int, default=None, help="first N OrangeSum articles only")
    p.add_argument("--scale", type=int, default=1, help="replicate the corpus K times")
    p.add_argument("--actors", action=argparse.BooleanOptionalAction, default=True,
                   help="also build with actor extraction (indexer.actors)")
    p.add_argument("--http", action=argparse.BooleanOptionalAction, default=True,
                   help="HTTP load with wrk against presse-web")
    p.add_argument("--http-seconds", type=int, default=60)
    p.add_argument("--workdir", type=Path, default=None, help="keep corpus and index here")
    p.add_argument("--no-results", action="store_true", help="do not append to bench/results.md")
    p.add_argument("--note", default="", help="what else ran on the machine, for the record")
    p.add_argument("--reuse", action="store_true",
                   help="keep --workdir's corpus and NER cache: skip the cold builds, rebuild warm")
    args = p.parse_args(argv)
    if args.reuse and not (args.workdir and (args.workdir / "corpus").is_dir()):
        p.error("--reuse needs a --workdir holding a corpus from an earlier run")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="presse-bench-"))
    if work.exists() and args.workdir and not args.reuse:
        shutil.rmtree(work)
    corpus, index_dir = work / "corpus", work / "index"
    records = orangesum(args.limit)
    n = write_chunks(scaled(records, args.scale), corpus)  # the same files again when reused
    doc: dict[str, object] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "articles": n,
        "limit": args.limit,
        "scale": args.scale,
        "note": args.note,
    }
    print(f"corpus: {n} articles in {corpus}", file=sys.stderr)
    with_actors = args.actors and actors_available()
    # Without actors first (into a scratch directory when the actor index is the one measured).
    plain = work / "index-plain" if with_actors else index_dir
    if not (args.reuse and with_actors):
        doc["build"] = build(corpus, plain, actors=False)
        print(f"build: {doc['build']}", file=sys.stderr)
    if with_actors:
        shutil.rmtree(plain, ignore_errors=True)
        # Cold: an empty NER cache, every article through spaCy. Warm: a rebuild of the same
        # corpus, NER read from the content-hash cache (what `presse index --rebuild` pays).
        if not args.reuse:
            doc["build_actors"] = build(corpus, index_dir, actors=True)
            print(f"build with actors: {doc['build_actors']}", file=sys.stderr)
        doc["build_actors_warm"] = build(corpus, index_dir, actors=True)
        print(f"rebuild with actors, warm cache: {doc['build_actors_warm']}", file=sys.stderr)
    doc["measured_index"] = "with actors" if with_actors else "without actors"
    queries = latency.load_queries()
    doc["latency"] = latency.measure(index_dir, queries)
    print(f"latency: {doc['latency']}", file=sys.stderr)
    if args.http:  # the default server (one process), then one process per core
        doc["http"] = load.measure(index_dir, queries, seconds=args.http_seconds)
        print(f"http: {doc['http']}", file=sys.stderr)
        doc["http_workers_2"] = load.measure(index_dir, queries, seconds=args.http_seconds,
                                             workers=2)
        print(f"http, 2 workers: {doc['http_workers_2']}", file=sys.stderr)
    doc["incremental"] = incremental(corpus, index_dir, records, args.scale, actors=with_actors)
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    if not args.no_results:
        append_result(summary_line(doc))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return doc


if __name__ == "__main__":
    main()
