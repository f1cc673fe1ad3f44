"""Hostile requests against a real server: the slowest answers, and 5xx under fuzzing.

Usage: ``.venv/bin/python -m bench.hostile [--fuzz N]`` → JSON on stdout.

The index holds 500 OrangeSum articles, the seeds, an article of 16,000 short sentences
(``Le gouvernement parle.``, 368 KB) and a 4.3 MB article made of OrangeSum bodies. A real
``presse-web`` (1 process × 2 threads, the default) serves it on 127.0.0.1; each figure is the
wall time of one request from this process:

- the short-sentence article searched, its page, its API answer and its feed;
- a query of one 1,000-letter word, and one of 64 typo-like words;
- ``/healthz`` while two of those slow requests run at once;
- ``--fuzz N`` random hostile requests (operators, fields, unicode, control characters, long
  words, huge pages, bad parameters) over every route: how many 5xx, and the slowest.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import orangesum  # noqa: E402
from bench.load import _free_port, _wait_up  # noqa: E402

SHORT = "Le gouvernement parle. " * 16000


def build(work: Path) -> Path:
    """The corpus and its index (no actors: the figures are about serving)."""
    corpus = work / "corpus"
    corpus.mkdir()
    records = orangesum(600)
    with (corpus / "orangesum.jsonl").open("w", encoding="utf-8") as fh:
        for r in records[:500]:
            fh.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["article"],
                                 "date": r["date"]}, ensure_ascii=False) + "\n")
    (corpus / "court.json").write_text(json.dumps({"title": "Phrases courtes", "text": SHORT}),
                                       encoding="utf-8")
    big = "\n\n".join(r["article"] for r in records) * 4
    (corpus / "enorme.json").write_text(json.dumps({"title": "Un article énorme", "text": big[:4_300_000]},
                                                   ensure_ascii=False), encoding="utf-8")
    for seed in (ROOT / "seeds").glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    presse = Path(sys.executable).with_name("presse")
    subprocess.run([str(presse), "index", "--no-actors", "--index", str(work / "index"), str(corpus)],
                   check=True, capture_output=True)
    return work / "index"


def timed(url: str) -> tuple[float, int]:
    """Seconds and status of one GET."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return round(time.perf_counter() - t0, 3), status


WORDS = ["AES", "Niger", "sécurité", "gouvernement", "Goïta", "a", "l'", "«", "OU", "ET", "SAUF",
         "-", "NOT", "titre:", "acteur:", "media:", "lieu:", "auteur:", "foo:", "*", "e*", "\"", "(",
         ")", "\u200b", "\u202e", "\x01", "\x0b", "\ufffe", "𝔄𝔈𝔖", "\u0301", "coopration", "z" * 300]


def fuzz_url(base: str, rng: random.Random) -> str:
    """One random hostile request."""
    q = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40)))
    params: dict[str, str] = {"q": q}
    for name, values in (("page", ["0", "-1", "999999", "x", "3"]), ("per_page", ["0", "1000", "x"]),
                         ("sort", ["recent", "ancien", "?"]), ("year", ["1700", "2025", "x"]),
                         ("month", ["2025-13", "2025-05", "x"]), ("date_from", ["hier", "2025-01-01"]),
                         ("actor", ["ECOWAS", "\x00", "zz" * 50]), ("filtre_acteur", ["dae", "\x7f"])):
        if rng.random() < 0.25:
            params[name] = rng.choice(values)
    route = rng.choice(["/", "/api/search", "/feed.atom", "/article/court.json", "/api/article/enorme.json"])
    if route.startswith(("/article", "/api/article")):
        return base + route + "?" + urlencode({"q": q})
    return base + route + "?" + urlencode(params)


def main(argv: list[str] | None = None) -> dict[str, object]:
    """Build, serve, measure; print the JSON."""
    p = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__.splitlines()[0])
    p.add_argument("--fuzz", type=int, default=2000, help="random hostile requests")
    args = p.parse_args(argv)
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        index = build(Path(tmp))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        web = Path(sys.executable).with_name("presse-web")
        log = tempfile.TemporaryFile()
        proc = subprocess.Popen([str(web), "--index", str(index), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=log)
        try:
            _wait_up(base + "/healthz", proc)
            timed(base + "/?q=gouvernement")  # warm-up
            long_word = "a" * 1000
            typos = " ".join(f"gouvernemnt{chr(97 + n % 26)}x" for n in range(64))
            out["seconds"] = {
                "search_short_sentences": timed(base + "/?q=gouvernement"),
                "article_page_short_sentences": timed(base + "/article/court.json?q=gouvernement"),
                "api_article_short_sentences": timed(base + "/api/article/court.json?q=gouvernement"),
                "feed_short_sentences": timed(base + "/feed.atom?q=gouvernement"),
                "article_page_4_3_mb": timed(base + "/article/enorme.json?q=gouvernement"),
                "q_one_1000_letter_word": timed(base + "/?q=" + long_word),
                "q_64_typo_words": timed(base + "/?" + urlencode({"q": typos})),
                "acteur_64_unknown_terms": timed(base + "/?" + urlencode(
                    {"q": " ".join(f"acteur:zz{n}" for n in range(64))})),
            }
            slow = [base + "/?" + urlencode({"q": typos}), base + "/article/enorme.json?q=gouvernement"]
            threads = [threading.Thread(target=timed, args=(u,)) for u in slow]
            for t in threads:
                t.start()
            time.sleep(0.05)
            out["healthz_during_two_slow_requests"] = timed(base + "/healthz")
            for t in threads:
                t.join()
            rng = random.Random(20261201)
            statuses: dict[str, int] = {}
            slowest: list[tuple[float, str]] = []
            t0 = time.perf_counter()
            for _ in range(args.fuzz):
                url = fuzz_url(base, rng)
                seconds, status = timed(url)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                slowest = sorted([*slowest, (seconds, url[len(base):][:120])], reverse=True)[:3]
            out["fuzz"] = {"requests": args.fuzz, "statuses": statuses,
                           "server_errors": sum(n for s, n in statuses.items() if s.startswith("5")),
                           "slowest": [{"seconds": s, "path": quote(u, safe="/?=&:%")} for s, u in slowest],
                           "seconds": round(time.perf_counter() - t0, 1)}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return out


if __name__ == "__main__":
    main()
