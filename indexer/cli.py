"""The `presse` command: index, search, stats, serve."""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path
from typing import Any

import click

from . import settings
from .errors import PresseError
from .french import count_label, thousands
from .search import Backend, SearchRequest, open_backend
from .search.backend import actor_coverage
from .search.page import SearchPage

_index_option = settings.option("INDEX_DIR", "--index", "index_dir",
                                type=click.Path(file_okay=False, path_type=Path))
_aliases_option = settings.option("ACTORS_FILE", "--aliases", "aliases_file",
                                  type=click.Path(dir_okay=False, path_type=Path))


@click.group()
def main() -> None:
    """Moteur de recherche de presse francophone : indexer et chercher des articles."""


@main.command("index")
@click.argument("seeds_dir", required=False, type=click.Path(exists=True, file_okay=False,
                path_type=Path), envvar=settings.BY_NAME["SEEDS_DIR"].env)
@_index_option
@click.option("--rebuild", is_flag=True, help="Reconstruire tout l'index à côté, puis basculer.")
@settings.option("MAX_FILE_MB", "--max-file-mb", type=float)
@settings.option("ACTORS", "--actors/--no-actors", default=None)
@settings.option("ACTORS_LATER", "--actors-later/--actors-now", default=None)
@click.option("--actors-only", is_flag=True,
              help="Seulement annoter les acteurs des articles qui les attendent.")
@_aliases_option
@settings.option("BACKEND", "--backend", type=click.Choice(["whoosh", "opensearch"]))
def index_cmd(seeds_dir: Path | None, index_dir: Path, rebuild: bool, max_file_mb: float,
              actors: bool | None, actors_later: bool | None, actors_only: bool,
              aliases_file: Path, backend: str) -> None:
    """Indexer SEEDS_DIR : ajoute les nouveaux fichiers, met à jour les modifiés, retire les
    supprimés. Le texte est consultable dès qu'il est indexé ; les acteurs suivent."""
    from .actors import make_annotator
    from .actors.cache import WithoutActors
    from .store import sync
    from .store.progress import Bar

    corpus = seeds_dir or Path(settings.get("SEEDS_DIR"))
    if not corpus.is_dir():
        raise click.ClickException(f"dossier d'articles introuvable : {corpus}")
    if actors is None:
        actors = settings.get_bool("ACTORS")
    if actors_later is None:
        actors_later = settings.get_bool("ACTORS_LATER")
    max_bytes = int(max_file_mb * 1024 * 1024)
    try:
        annotator = make_annotator(index_dir, aliases_file) if actors else WithoutActors(index_dir)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc
    bar = Bar()
    try:
        if actors_only:
            _actor_phase(corpus, index_dir, annotator, max_bytes, bar)
            return
        options: dict[str, Any] = {"rebuild": rebuild, "annotator": annotator, "progress": bar,
                                   "max_bytes": max_bytes}
        if backend == "opensearch":
            from .opensearch.connection import Connection
            from .opensearch.sync import sync_opensearch

            report = sync_opensearch(corpus, index_dir, Connection.from_settings(), **options)
        else:
            # The actor phase follows, below or in the background.
            report = sync(corpus, index_dir, actors_later=True, **options)
        bar.close()
        _print_report(report, backend, index_dir)
        if report.pending and actors_later:
            _background_actors(corpus, index_dir, aliases_file, max_file_mb)
            click.echo(f"acteurs : {thousands(report.pending)} articles à annoter en arrière-plan "
                       f"(journal : {index_dir / ACTORS_LOG})")
        elif report.pending:
            _actor_phase(corpus, index_dir, annotator, max_bytes, bar, report.held)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
        annotator.close()
    if report.errors:
        sys.exit(1)


ACTORS_LOG = "actors.log"


def _print_report(report: Any, backend: str, index_dir: Path) -> None:
    if report.reannotated:
        click.echo("alias ou règles d'acteurs changés : ré-annotation de tout l'index (NER en cache)")
    for err in report.errors:
        click.echo(f"erreur : {err}", err=True)
    for notice in report.notices:
        click.echo(f"note : {notice}", err=True)
    if report.rebuilt:
        where = settings.get("OPENSEARCH_INDEX") if backend == "opensearch" else index_dir
        click.echo(f"index {'créé' if report.created else 'reconstruit'} : {where}")
    click.echo(f"{report.summary()} ({report.documents} documents, {report.seconds:.2f} s)")
    if report.pending:
        click.echo(f"texte consultable après {report.searchable_after:.1f} s ; acteurs : "
                   f"{thousands(report.documents - report.pending)} / "
                   f"{thousands(report.documents)} articles annotés")


def _actor_phase(corpus: Path, index_dir: Path, annotator: Any, max_bytes: int, bar: Any,
                 held: dict[str, Any] | None = None) -> None:
    from .store.actor_phase import annotate

    before = getattr(annotator, "ner_texts", 0)
    done = annotate(corpus, index_dir, annotator, max_bytes=max_bytes, progress=bar,
                    chunk=settings.get_int("ACTORS_CHUNK") or None, held=held)
    bar.close()
    if done.annotated or done.pending:
        ner = getattr(annotator, "ner_texts", 0) - before
        click.echo(f"acteurs : {count_label(done.annotated, 'article annoté', 'articles annotés')}"
                   f" en {done.seconds:.1f} s (NER : {count_label(ner, 'texte')}, le reste en cache)"
                   + (f", {thousands(done.pending)} en attente" if done.pending else ""))


def _background_actors(corpus: Path, index_dir: Path, aliases_file: Path,
                       max_file_mb: float) -> None:
    """`presse index --actors-only` in a process of its own, that outlives this one."""
    import subprocess

    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ACTORS_LOG).open("ab") as log:
        subprocess.Popen(  # noqa: S603 (our own command, no shell)
            [sys.executable, "-m", "indexer", "index", "--actors-only", "--index", str(index_dir),
             "--aliases", str(aliases_file), "--max-file-mb", str(max_file_mb), str(corpus)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)


def _backend(index_dir: Path, name: str | None = None) -> Backend:
    try:
        return open_backend(name or settings.get("BACKEND"), index_dir)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("search")
@click.argument("query")
@_index_option
@click.option("-n", "--limit", default=10, show_default=True, help="Nombre de résultats.")
@click.option("--page", default=1, show_default=True)
@click.option("--sort", default="pertinence", show_default=True,
              type=click.Choice(["pertinence", "recent", "ancien"]))
@click.option("--outlet", multiple=True, help="Filtrer par média (répétable).")
@click.option("--actor", multiple=True, help="Filtrer par acteur (répétable).")
@click.option("--year", multiple=True, help="Filtrer par année (répétable).")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON (comme l'API).")
@click.option("--exact", is_flag=True,
              help="Chercher la requête telle quelle : ni correction ni variantes d'orthographe.")
@settings.option("BACKEND", "--backend", type=click.Choice(["whoosh", "opensearch"]))
def search_cmd(query: str, index_dir: Path, limit: int, page: int, sort: str,
               outlet: tuple[str, ...], actor: tuple[str, ...], year: tuple[str, ...],
               as_json: bool, exact: bool, backend: str) -> None:
    """Chercher QUERY et afficher les résultats classés avec extraits."""
    engine = _backend(index_dir, backend)
    try:
        req = SearchRequest.from_params({
            "q": [query], "per_page": [str(limit)], "page": [str(page)], "sort": [sort],
            "outlet": list(outlet), "actor": list(actor), "year": list(year),
            "exact": ["1" if exact else ""],
        })  # fmt: skip
        result = engine.search(req)
    except PresseError as exc:  # a bad parameter, or an unreadable variants file
        raise click.ClickException(str(exc)) from exc
    if as_json:
        doc = result.to_json()
        doc["actors"] = actor_coverage(result.documents, engine.pending_actors())
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for line in _spelling_lines(result):
        click.echo(line)
    click.echo(f"{result.total} résultat(s) ({result.elapsed_ms:.1f} ms)")
    for rank, hit in enumerate(result.hits, start=(page - 1) * limit + 1):
        click.echo()
        click.secho(f"{rank}. {hit.title}", bold=True)
        click.echo(f"   {hit.outlet or 'média inconnu'} · {hit.date_label} · {hit.path}")
        for frag in hit.fragments:
            text = str(frag.html)
            text = text.replace("<mark>", "\x1b[1;33m").replace("</mark>", "\x1b[0m")
            click.echo("   " + html.unescape(text))


def _spelling_lines(page: SearchPage) -> list[str]:
    """What the page says of the query's spelling, as the search page says it."""
    lines = []
    if page.corrected is not None:
        lines.append(f"Résultats pour « {page.suggestion} » (recherche tapée : « {page.corrected} »,"
                     " --exact pour la chercher telle quelle)")
    elif page.suggestion:
        lines.append(f"Vouliez-vous dire « {page.suggestion} » ? ({page.suggestion_total} résultat(s))")
    if page.variants:
        lines.append("y compris : " + ", ".join(v for vs in page.variants.values() for v in vs))
    if page.short_prefixes:
        lines.append(page.short_prefix_notice)
    return lines


@main.command("stats")
@_index_option
@click.option("--top", default=10, show_default=True, help="Valeurs affichées par facette.")
def stats_cmd(index_dir: Path, top: int) -> None:
    """Nombre de documents, champs, valeurs des facettes, âge de l'index."""
    backend = _backend(index_dir)
    s = backend.stats(top)
    click.echo(f"documents : {s['documents']}")
    if (coverage := backend.generation().coverage_label()) is not None:
        click.echo(coverage)
    click.echo(f"version : {s['version']}")
    click.echo(f"construit : {s['built_at']} ; mis à jour : {s['updated_at']}")
    click.echo(f"champs : {', '.join(s['fields'])}")  # type: ignore[arg-type]
    labels = {"outlet": "médias", "person": "personnes", "org": "organisations", "place": "lieux"}
    facets = s["facets"]
    ranked = sorted([*facets.get("person", []), *facets.get("org", [])],  # type: ignore[attr-defined]
                    key=lambda vc: (-vc[1], vc[0]))[:top]
    click.echo("acteurs : " + (", ".join(f"{v} ({c})" for v, c in ranked) or "—"))
    for name, values in s["facets"].items():  # type: ignore[attr-defined]
        shown = ", ".join(f"{v} ({c})" for v, c in values) or "—"
        click.echo(f"{labels[name]} : {shown}")
    click.echo("années : " + (", ".join(f"{v} ({c})" for v, c in s["years"]) or "—"))  # type: ignore[attr-defined]
    field_labels = {"title": "titre", "date": "date", "outlet": "média", "author": "auteur",
                    "lang": "langue"}
    for name, sources in s["provenance"].items():  # type: ignore[attr-defined]
        shown = ", ".join(f"{src} ({n})" for src, n in sorted(sources.items(), key=lambda x: -x[1]))
        click.echo(f"provenance {field_labels.get(name, name)} : {shown}")


@main.command("actors")
@_index_option
@_aliases_option
@click.option("--type", "kind", type=click.Choice(["personne", "organisation", "lieu"]),
              help="N'afficher qu'un type d'acteur.")
@click.option("--top", default=50, show_default=True, help="Nombre d'acteurs affichés par type.")
def actors_cmd(index_dir: Path, aliases_file: Path, kind: str | None, top: int) -> None:
    """Acteurs canoniques de l'index, avec leurs variantes et leur nombre d'articles (pour
    écrire des alias)."""
    from .actors import make_annotator

    counts = _backend(index_dir).stats(top=10**9)["facets"]
    try:
        annotator = make_annotator(index_dir, aliases_file)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc
    variants = annotator.variants()
    annotator.close()
    kinds = (("person", "personne", "Personnes"), ("org", "organisation", "Organisations"),
             ("place", "lieu", "Lieux"))
    for field, label, heading in kinds:
        if kind is not None and kind != label:
            continue
        rows = counts.get(field, [])[:top]  # type: ignore[attr-defined]
        click.secho(f"{heading} ({len(counts.get(field, []))})", bold=True)  # type: ignore[attr-defined]
        for name, n in rows:
            others = sorted(variants.get((field, name), set()) - {name})
            shown = f" ← {', '.join(others)}" if others else ""
            click.echo(f"  {name} ({n} article{'s' if n > 1 else ''}){shown}")
