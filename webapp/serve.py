"""`presse-web`: serve the app with waitress."""

from __future__ import annotations

from pathlib import Path

import click
import waitress

from indexer import settings

from . import create_app


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
def main(index_dir: Path, host: str, port: int, threads: int) -> None:
    """Servir l'interface web de recherche."""
    app = create_app({"INDEX_DIR": str(index_dir)})
    click.echo(f"Recherche de presse : http://{host}:{port}/  (index : {index_dir})")
    waitress.serve(app, host=host, port=port, threads=threads, ident="presse")


if __name__ == "__main__":
    main()
