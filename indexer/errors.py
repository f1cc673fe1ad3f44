"""The errors the indexer raises; the CLI and the web app turn each into one clear message."""

from __future__ import annotations

from pathlib import Path


class PresseError(Exception):
    """Base of every error this project raises on purpose."""


class ArticleError(PresseError):
    """An article file (or one record of it) could not be read; ``line`` is 1-based or None."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class IndexMissing(PresseError):
    """No index exists where one was expected."""

    def __init__(self, index_dir: Path | str) -> None:
        self.index_dir = str(index_dir)
        super().__init__(
            f"aucun index dans {self.index_dir} : lancez `presse index --index {self.index_dir} seeds`"
        )


class IndexOutdated(PresseError):
    """The index was built by another analysis or schema version and must be rebuilt."""

    def __init__(self, index_dir: Path | str, found: str, expected: str) -> None:
        self.index_dir = str(index_dir)
        super().__init__(
            f"l'index {self.index_dir} a été construit avec la version {found} "
            f"(attendue : {expected}) ; reconstruisez-le : "
            f"`presse index --rebuild --index {self.index_dir} seeds`"
        )


class IndexBusy(PresseError):
    """Another process is already writing the index."""

    def __init__(self, index_dir: Path | str) -> None:
        self.index_dir = str(index_dir)
        super().__init__(
            f"une autre indexation est en cours sur {self.index_dir} ; réessayez quand elle "
            "sera terminée"
        )


class IndexUnwritable(PresseError):
    """The index directory cannot be written (disk full, read-only, no permission)."""

    def __init__(self, index_dir: Path | str, reason: str) -> None:
        self.index_dir = str(index_dir)
        self.reason = reason
        super().__init__(
            f"impossible d'écrire l'index dans {self.index_dir} ({reason}) ; l'index précédent "
            "est intact : libérez de la place ou rendez le dossier inscriptible, puis relancez"
        )


class BackendUnavailable(PresseError):
    """The search backend cannot answer now (a cluster down or refusing): a 503, never a 500."""


class QueryError(PresseError):
    """A search parameter is invalid (bad page number, unknown sort…): a 400, never a 500."""


class QueryTimeout(QueryError):
    """A search ran past its time limit and was cut off: a 400 asking for a narrower query."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"recherche interrompue après {seconds:g} s : requête trop coûteuse, précisez-la "
            "(moins de préfixes `mot*`, moins de termes)"
        )
