"""`presse-web`: serve the app with waitress, in one process or one per core."""

from __future__ import annotations

from pathlib import Path

import click

from indexer import settings

from . import create_app, workers


@click.command()
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="PRESSE_INDEX_DIR", default=settings.get("INDEX_DIR"), show_default=True,
              help=settings.BY_NAME["INDEX_DIR"].help)
@click.option("--host", envvar="PRESSE_HOST", default=settings.get("HOST"), show_default=True,
              help=settings.BY_NAME["HOST"].help)
@click.option("--port", envvar="PRESSE_PORT", default=int(settings.get("PORT")),
              show_default=True, help=settings.BY_NAME["PORT"].help)
@click.option("--threads", envvar="PRESSE_THREADS", default=int(settings.get("THREADS")),
              show_default=True, help=settings.BY_NAME["THREADS"].help)
@click.option("--workers", "processes", envvar="PRESSE_WORKERS", type=click.IntRange(1, 64),
              default=int(settings.get("WORKERS")), show_default=True,
              help=settings.BY_NAME["WORKERS"].help)
def main(index_dir: Path, host: str, port: int, threads: int, processes: int) -> None:
    """Servir l'interface web de recherche."""
    if processes > 1 and int(settings.get("RATE_LIMIT")) > 0:
        raise click.UsageError("PRESSE_RATE_LIMIT est compté dans chaque processus : "
                               "avec une limite de débit, utilisez --workers 1.")
    workers.quiet_queue_warnings()
    click.echo(f"Recherche de presse : http://{host}:{port}/  (index : {index_dir}, "
               f"{processes} processus × {threads} fils)")
    raise SystemExit(workers.serve(lambda: create_app({"INDEX_DIR": str(index_dir)}),
                                   host, port, threads, processes))


if __name__ == "__main__":
    main()
