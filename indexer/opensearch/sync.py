"""``presse index`` into OpenSearch: the same pipeline as the Whoosh store (extraction, actors,
near-duplicate keys), incremental by content hash, through the bulk API.

- An incremental sync writes into the index behind the alias. A changed file's new documents
  are written *before* its stale ones are deleted, so a killed run leaves a superset, and a path
  whose documents disagree on their file hash counts as changed at the next run: nothing is lost.
- A rebuild (``--rebuild``, no index yet, or one of another version) writes a new concrete index
  with refreshes off and no replicas, then moves the alias to it and drops the old one in one
  ``update_aliases`` call: readers never see a half-built index. A killed rebuild leaves an index
  no alias points to; the next run deletes it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from opensearchpy import OpenSearch, helpers

from ..actor_names import NAMES_FILE
from ..extract import DEFAULT_MAX_BYTES, read_file
from ..index_dir import writer_lock
from ..store.annotator import Annotator, NoActors
from ..store.failures import fault_point
from ..store.progress import INDEX, NoProgress, Progress
from ..store.schema import to_document
from ..store.sync import SyncReport, expected_articles, plan
from .connection import Connection
from .documents import os_document
from .index_settings import index_body, index_version

# A path whose documents carry different file hashes (a run killed mid-file): always redone.
MIXED = "mixed"


def _manifest(client: OpenSearch, index: str) -> dict[str, str]:
    """Path → file hash of every document, read with a scroll of two fields."""
    out: dict[str, str] = {}
    for hit in helpers.scan(client, index=index, query={"_source": ["path", "file_hash"]}, size=2000):
        src = hit["_source"]
        path, digest = str(src["path"]), str(src["file_hash"])
        out[path] = digest if out.get(path, digest) == digest else MIXED
    return out


def _stale_index(client: OpenSearch, index: str | None) -> bool:
    if index is None:
        return True
    meta = client.indices.get_mapping(index=index)[index]["mappings"].get("_meta", {})
    return meta.get("version") != index_version()


def _drop_orphans(client: OpenSearch, conn: Connection, keep: set[str]) -> None:
    """Delete the indices of killed rebuilds (``<alias>-*`` that the alias does not name)."""
    for name in client.indices.get(index=f"{conn.alias}-*", expand_wildcards="open,closed"):
        if name not in keep:
            client.indices.delete(index=name)


def sync_opensearch(
    corpus: Path,
    index_dir: Path,
    conn: Connection,
    *,
    rebuild: bool = False,
    annotator: Annotator | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    batch_size: int = 256,
    shards: int = 1,
    replicas: int = 0,
) -> SyncReport:
    """Bring the OpenSearch index behind ``conn.alias`` in line with ``corpus``.

    ``index_dir`` holds the local write lock and the actor cache, as for the Whoosh backend.
    """
    annotator = annotator if annotator is not None else NoActors()
    started = time.perf_counter()
    report = SyncReport()
    client = conn.client()
    committed = False
    try:
        with writer_lock(index_dir):
            current = conn.current_index(client)
            _drop_orphans(client, conn, {current} if current else set())
            fresh = rebuild or _stale_index(client, current)
            if annotator.begin(index_dir, fresh, existing=current is not None):
                report.reannotated = fresh = True
            if fresh:
                target = conn.new_index_name()
                body = index_body(shards, 0)
                body["settings"]["refresh_interval"] = "-1"  # type: ignore[index]
                client.indices.create(index=target, body=body)
                known: dict[str, str] = {}
                report.rebuilt = True
            else:
                target = str(current)
                known = _manifest(client, target)
            try:
                _write_all(client, target, corpus, known, report, annotator, max_bytes,
                           progress, batch_size)
                annotator.publish(index_dir)
                fault_point("commit")
                _finish(client, conn, target, current if fresh else None, corpus, replicas,
                        fresh, _names(index_dir))
            except BaseException:
                if fresh:
                    client.indices.delete(index=target, ignore_unavailable=True)
                raise
            report.documents = int(client.count(index=target)["count"])
            committed = True
    finally:
        annotator.finish(committed)
    report.seconds = time.perf_counter() - started
    return report


def _write_all(client: OpenSearch, target: str, corpus: Path, known: dict[str, str],
               report: SyncReport, annotator: Annotator, max_bytes: int,
               progress: Progress | None, batch_size: int) -> None:
    todo, removed = plan(corpus, known, report)
    progress = progress or NoProgress()
    progress.phase(INDEX, sum(expected_articles(path) for path, _, _ in todo))
    if removed:
        client.delete_by_query(index=target, body={"query": {"terms": {"path": removed}}},
                               refresh=True, conflicts="proceed")
        report.deleted += len(removed)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        progress.advance(_write_batch(client, target, batch, corpus, known, report, annotator,
                                      max_bytes))


def _write_batch(client: OpenSearch, target: str, batch: list[tuple[Path, str, str]],
                 corpus: Path, known: dict[str, str], report: SyncReport, annotator: Annotator,
                 max_bytes: int) -> int:
    t0 = time.perf_counter()
    ready = []
    for path, _rel, digest in batch:
        result = read_file(path, corpus, max_bytes)
        report.errors.extend(result.errors)
        if not result.failed:
            report.notices.extend(result.notices)
            ready.append((digest, result))
    report.timings["extract"] = report.timings.get("extract", 0.0) + time.perf_counter() - t0
    flat = [a for _, r in ready for a in r.articles]
    t0 = time.perf_counter()
    annotations = annotator(flat) if flat else []
    report.timings["actors"] = report.timings.get("actors", 0.0) + time.perf_counter() - t0

    def actions() -> Iterator[dict[str, object]]:
        i = 0
        for digest, result in ready:
            for article in result.articles:
                ann = annotations[i]
                i += 1
                why = ann[3] if len(ann) > 3 else {}
                doc = os_document(to_document(article, digest, ann[0], ann[1], ann[2], why))
                yield {"_index": target, "_id": article.doc_id, "_source": doc}

    t0 = time.perf_counter()
    helpers.bulk(client, actions(), chunk_size=500, max_retries=2, refresh=False)
    for _digest, result in ready:
        if result.rel not in known:
            report.added += len(result.articles)
            continue
        report.modified += len(result.articles)
        # The file's documents that this run did not write, but those at its broken lines.
        keep: list[dict[str, object]] = [{"ids": {"values": [a.doc_id for a in result.articles]}}]
        if result.broken_lines:
            keep.append({"terms": {"line": sorted(result.broken_lines)}})
        client.delete_by_query(index=target, conflicts="proceed", body={"query": {"bool": {
            "filter": [{"term": {"path": result.rel}}], "must_not": keep}}})
    report.timings["write"] = report.timings.get("write", 0.0) + time.perf_counter() - t0
    fault_point("write")
    return len(flat)


def _names(index_dir: Path) -> dict[str, list[str]]:
    """The actor variants the annotator published beside the local state (``actor_names.py``)."""
    try:
        return dict(json.loads((index_dir / NAMES_FILE).read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        return {}


def _finish(client: OpenSearch, conn: Connection, target: str, old: str | None, corpus: Path,
            replicas: int, fresh: bool, names: dict[str, list[str]]) -> None:
    """Make the writes searchable, record the state (with the actor variants, so that any
    machine reading the cluster resolves `acteur:ECOWAS`), and on a rebuild swap the alias."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    meta = client.indices.get_mapping(index=target)[target]["mappings"].get("_meta", {})
    meta.update({"version": index_version(), "updated_at": now, "corpus": str(corpus.resolve()),
                 "built_at": meta.get("built_at") if not fresh and meta.get("built_at") else now,
                 "actor_names": names})
    client.indices.put_mapping(index=target, body={"_meta": meta})
    if fresh:
        client.indices.put_settings(index=target, body={"index": {
            "refresh_interval": "1s", "number_of_replicas": replicas}})
    client.indices.refresh(index=target)
    if fresh:
        swap: list[dict[str, object]] = [{"add": {"index": target, "alias": conn.alias}}]
        if old is not None:
            swap.append({"remove_index": {"index": old}})
        client.indices.update_aliases(body={"actions": swap})
