"""Every tunable, with its default and help text. Environment variables use the ``PRESSE_``
prefix (``PRESSE_INDEX_DIR``); CLI flags override them. The README documents each one."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PREFIX = "PRESSE_"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One tunable: its name (without prefix), default and help."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return PREFIX + self.name


SETTINGS = (
    Setting("INDEX_DIR", str(ROOT / "index"), "Dossier de l'index (créé au besoin)."),
    Setting("SEEDS_DIR", str(ROOT / "seeds"), "Dossier des articles à indexer."),
    Setting("MAX_FILE_MB", "5", "Taille maximale d'un fichier article, en Mo."),
    Setting("HOST", "127.0.0.1", "Adresse d'écoute du serveur web."),
    Setting("PORT", "5000", "Port du serveur web."),
    # 2 (the cores of the reference machine): more threads only queue on the GIL and each holds
    # its own Whoosh reader (~250 MB at 36k articles). bench.load measured 8, 4 and 2 threads.
    Setting("THREADS", "2", "Fils de traitement du serveur web (waitress)."),
    # 1: a journalist's own machine. A shared site sets one per core (bench.load measured 1 and
    # 2 on 2 cores); each process holds its own index reader and caches.
    Setting("WORKERS", "1", "Processus du serveur web, un par cœur pour un site partagé "
            "(incompatible avec RATE_LIMIT)."),
    Setting("PER_PAGE", "10", "Résultats par page par défaut."),
    Setting("RATE_LIMIT", "0", "Requêtes par minute et par client (0 : pas de limite)."),
    Setting("ACTORS", "1", "Extraire les acteurs (personnes, organisations, lieux) : 1 ou 0."),
    Setting("ACTORS_FILE", str(ROOT / "actors.toml"), "Fichier d'alias d'acteurs de l'utilisateur."),
)
BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Resolved settings: defaults, then environment."""

    index_dir: Path
    seeds_dir: Path
    max_file_mb: float
    host: str
    port: int
    threads: int
    workers: int
    per_page: int
    rate_limit: int


def get(name: str, environ: dict[str, str] | None = None) -> str:
    """The value of one setting: the environment if set, else its default."""
    env = os.environ if environ is None else environ
    setting = BY_NAME[name]
    return env.get(setting.env, setting.default)


def load(environ: dict[str, str] | None = None) -> Settings:
    """All settings, read now (never at import time)."""
    values = {f.name: get(f.name.upper(), environ) for f in fields(Settings)}
    return Settings(
        index_dir=Path(values["index_dir"]),
        seeds_dir=Path(values["seeds_dir"]),
        max_file_mb=float(values["max_file_mb"]),
        host=values["host"],
        port=int(values["port"]),
        threads=int(values["threads"]),
        workers=int(values["workers"]),
        per_page=int(values["per_page"]),
        rate_limit=int(values["rate_limit"]),
    )
