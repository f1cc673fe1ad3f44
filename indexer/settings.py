"""Every tunable, with its default and help text: the one settings table.

Environment variables use the ``PRESSE_`` prefix (``PRESSE_INDEX_DIR``) and are read when a
command or the app starts, never at import; CLI flags override them (click options take
``envvar=`` and the default from here). The README documents each one (a test checks it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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
    Setting("BACKEND", "whoosh", "Moteur de recherche : whoosh (index intégré) ou opensearch."),
    Setting("OPENSEARCH_URL", "http://127.0.0.1:9200", "Adresse du cluster OpenSearch."),
    Setting("OPENSEARCH_INDEX", "presse", "Nom de l'alias OpenSearch que lit la recherche."),
    Setting("OPENSEARCH_USER", "", "Utilisateur OpenSearch (authentification basique)."),
    Setting("OPENSEARCH_PASSWORD", "", "Mot de passe OpenSearch (jamais dans le dépôt)."),
    Setting("OPENSEARCH_CA_FILE", "", "Certificat d'autorité pour un cluster en HTTPS."),
    Setting("RATE_LIMIT", "0", "Requêtes par minute et par client (0 : pas de limite)."),
    # 10,000: a year of an outlet or a broad query, streamed in seconds (bench.export).
    Setting("EXPORT_MAX", "10000", "Articles au plus par export CSV ou JSON Lines."),
    Setting("ACTORS", "1", "Extraire les acteurs (personnes, organisations, lieux) : 1 ou 0."),
    Setting("ACTORS_LATER", "0", "Annoter les acteurs en arrière-plan après l'indexation du texte : 1 ou 0."),
    Setting("ACTORS_CHUNK", "0", "Articles annotés par lot de la phase des acteurs (0 : selon le volume)."),
    Setting("ACTORS_FILE", str(ROOT / "actors.toml"), "Fichier d'alias d'acteurs de l'utilisateur."),
    Setting("VARIANTS_FILE", str(ROOT / "indexer" / "data" / "variants.txt"),
            "Variantes d'orthographe cherchées ensemble (jihad*/djihad*, Daech/Daesh…)."),
)
BY_NAME = {s.name: s for s in SETTINGS}
F = TypeVar("F", bound=Callable[..., Any])


def get(name: str, environ: dict[str, str] | None = None) -> str:
    """The value of one setting, read now: the environment if set, else its default."""
    env = os.environ if environ is None else environ
    setting = BY_NAME[name]
    return env.get(setting.env, setting.default)


def get_int(name: str, environ: dict[str, str] | None = None) -> int:
    """An integer setting (``PRESSE_PORT``)."""
    return int(get(name, environ))


def get_bool(name: str, environ: dict[str, str] | None = None) -> bool:
    """A yes/no setting: `0`, `false`, `non`, `no` and `off` are no."""
    return get(name, environ).strip().lower() not in ("0", "false", "non", "no", "off")


def option(name: str, *flags: str, **kwargs: Any) -> Callable[[F], F]:
    """A click option for setting ``name``: its environment variable, default and help come
    from the table (so they are read when the command runs, not at import)."""
    import click

    s = BY_NAME[name]
    kwargs.setdefault("default", s.default)
    return click.option(*flags, envvar=s.env, show_default=True, help=s.help, **kwargs)
