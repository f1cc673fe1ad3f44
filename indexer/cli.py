"""The `presse` command: index, search, stats, serve."""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import click

from . import settings
from .actors import ActorAnnotator, make_annotator
from .actors.cache import CACHE_NAME, ActorCache
from .errors import PresseError, QueryError
from .search import Engine, SearchRequest
from .store import provenance_counts, read_meta, sync


def _setting_option(flag: str, dest: str, setting: str, path_type: click.Path):  # type: ignore[no-untyped-def]
    """A path option that falls back to the ``PRESSE_*`` setting of the same meaning."""
    return click.option(
        flag, dest, type=path_type, envvar=settings.BY_NAME[setting].env,
        default=settings.get(setting), show_default=True, help=settings.BY_NAME[setting].help,
    )  # fmt: skip


_index_option = _setting_option(
    "--index", "index_dir", "INDEX_DIR", click.Path(file_okay=False, path_type=Path)
)
_aliases_option = _setting_option(
    "--aliases", "aliases_file", "ACTORS_FILE", click.Path(dir_okay=False, path_type=Path)
)


@click.group()
def main() -> None:
    """Moteur de recherche de presse francophone : indexer et chercher des articles."""


@main.command("index")
@click.argument("seeds_dir", required=False, type=click.Path(exists=True, file_okay=False,
                path_type=Path), envvar="PRESSE_SEEDS_DIR")
@_index_option
@click.option("--rebuild", is_flag=True, help="Reconstruire tout l'index à côté, puis basculer.")
@click.option("--max-file-mb", type=float, envvar="PRESSE_MAX_FILE_MB",
              default=float(settings.get("MAX_FILE_MB")), show_default=True,
              help=settings.BY_NAME["MAX_FILE_MB"].help)
@click.option("--actors/--no-actors", envvar=settings.BY_NAME["ACTORS"].env,
              default=settings.get("ACTORS") not in ("0", "false", "non"), show_default=True,
              help=settings.BY_NAME["ACTORS"].help)
@_aliases_option
def index_cmd(seeds_dir: Path | None, index_dir: Path, rebuild: bool, max_file_mb: float,
              actors: bool, aliases_file: Path) -> None:
    """Indexer SEEDS_DIR : ajoute les nouveaux fichiers, met à jour les modifiés, retire les
    supprimés."""
    corpus = seeds_dir or Path(settings.get("SEEDS_DIR"))
    if not corpus.is_dir():
        raise click.ClickException(f"dossier d'articles introuvable : {corpus}")
    annotator = _annotator(index_dir, aliases_file) if actors else None
    if annotator is not None and annotator.stale() and read_meta(index_dir) is not None and not rebuild:
        click.echo("alias ou règles d'acteurs changés : ré-annotation de tout l'index (NER en cache)")
        rebuild = True
    if annotator is not None and rebuild:
        annotator.forget_corpus()  # every article is annotated again: so is what the corpus confirmed
    total = sum(1 for _ in corpus.rglob("*") if _.is_file())
    try:
        with click.progressbar(length=total, label="Indexation", file=sys.stderr,
                               show_pos=True) as bar:  # hidden when not a terminal
            report = sync(corpus, index_dir, rebuild=rebuild, annotator=annotator,
                          max_bytes=int(max_file_mb * 1024 * 1024), progress=bar.update)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc
    _record_actors(index_dir, annotator)
    for err in report.errors:
        click.echo(f"erreur : {err}", err=True)
    for notice in report.notices:
        click.echo(f"note : {notice}", err=True)
    if report.rebuilt:
        click.echo(f"index reconstruit : {index_dir}")
    click.echo(f"{report.summary()} ({report.documents} documents, {report.seconds:.2f} s)")
    if report.errors:
        sys.exit(1)


def _annotator(index_dir: Path, aliases_file: Path) -> ActorAnnotator:
    try:
        return make_annotator(index_dir, aliases_file)
    except PresseError as exc:
        raise click.ClickException(str(exc)) from exc


def _record_actors(index_dir: Path, annotator: ActorAnnotator | None) -> None:
    # Without actors, forget the signature so that the next run with actors re-annotates all.
    if annotator is not None:
        annotator.mark_applied()
        annotator.close()
    elif (index_dir / CACHE_NAME).exists():
        cache = ActorCache(index_dir)
        cache.set_state("applied", None)
        cache.close()


def _engine(index_dir: Path) -> Engine:
    try:
        return Engine(index_dir)
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
def search_cmd(query: str, index_dir: Path, limit: int, page: int, sort: str,
               outlet: tuple[str, ...], actor: tuple[str, ...], year: tuple[str, ...],
               as_json: bool) -> None:
    """Chercher QUERY et afficher les résultats classés avec extraits."""
    engine = _engine(index_dir)
    try:
        req = SearchRequest.from_params({
            "q": [query], "per_page": [str(limit)], "page": [str(page)], "sort": [sort],
            "outlet": list(outlet), "actor": list(actor), "year": list(year),
        })  # fmt: skip
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc
    result = engine.search(req)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} résultat(s) ({result.elapsed_ms:.1f} ms)")
    for rank, hit in enumerate(result.hits, start=(page - 1) * limit + 1):
        click.echo()
        click.secho(f"{rank}. {hit.title}", bold=True)
        click.echo(f"   {hit.outlet or 'média inconnu'} · {hit.date_label} · {hit.path}")
        for frag in hit.fragments:
            text = str(frag.html)
            text = text.replace("<mark>", "\x1b[1;33m").replace("</mark>", "\x1b[0m")
            click.echo("   " + html.unescape(text))


@main.command("stats")
@_index_option
@click.option("--top", default=10, show_default=True, help="Valeurs affichées par facette.")
def stats_cmd(index_dir: Path, top: int) -> None:
    """Nombre de documents, champs, valeurs des facettes, âge de l'index."""
    s = _engine(index_dir).stats(top)
    click.echo(f"documents : {s['documents']}")
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
    for name, sources in provenance_counts(index_dir).items():
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
    counts = _engine(index_dir).stats(top=10**9)["facets"]
    variants = _annotator(index_dir, aliases_file).variants()
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
