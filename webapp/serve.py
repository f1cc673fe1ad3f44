"""`presse-web`: serve the app with waitress, in one process or one per core."""

from __future__ import annotations

from pathlib import Path

import click

from indexer import settings

from . import create_app, workers


@click.command()
@settings.option("INDEX_DIR", "--index", "index_dir",
                 type=click.Path(file_okay=False, path_type=Path))
@settings.option("HOST", "--host")
@settings.option("PORT", "--port", type=int)
@settings.option("THREADS", "--threads", type=int)
@settings.option("WORKERS", "--workers", "processes", type=click.IntRange(1, 64))
def main(index_dir: Path, host: str, port: int, threads: int, processes: int) -> None:
    """Servir l'interface web de recherche."""
    if processes > 1 and settings.get_int("RATE_LIMIT") > 0:
        raise click.UsageError("PRESSE_RATE_LIMIT est compté dans chaque processus : "
                               "avec une limite de débit, utilisez --workers 1.")
    workers.quiet_queue_warnings()
    click.echo(f"Recherche de presse : http://{host}:{port}/  (index : {index_dir}, "
               f"{processes} processus × {threads} fils)")
    raise SystemExit(workers.serve(lambda: create_app({"INDEX_DIR": str(index_dir)}),
                                   host, port, threads, processes))


if __name__ == "__main__":
    main()
