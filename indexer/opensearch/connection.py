"""Where the OpenSearch backend reads and writes: a cluster URL, credentials, an alias.

Searches always go to the alias (``PRESSE_OPENSEARCH_INDEX``, ``presse`` by default); each build
writes a concrete index ``<alias>-<stamp>`` and the alias is moved to it in one call, so readers
never see a half-built index. Credentials come from settings (basic auth, a CA file for TLS),
never from the repository.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from .. import settings
from ..errors import BackendUnavailable

# How long one request to the cluster may take before it is given up (seconds).
REQUEST_TIMEOUT = 10.0


class ClusterUnavailable(BackendUnavailable):
    """The cluster cannot be reached or refused a request."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"OpenSearch injoignable à {url} : {reason} (PRESSE_OPENSEARCH_URL ; "
                         "pour un nœud local : make opensearch)")


@dataclass(frozen=True)
class Connection:
    """A cluster and the alias the service uses on it."""

    url: str
    alias: str
    user: str = ""
    password: str = ""
    ca_file: str = ""

    @classmethod
    def from_settings(cls, given: Mapping[str, object] | None = None) -> Connection:
        """The connection the ``PRESSE_OPENSEARCH_*`` settings describe, read now; ``given``
        (setting name → value, e.g. the web app's config) wins over them."""
        given = given or {}

        def value(name: str) -> str:
            found = given.get(name)
            return str(found) if found not in (None, "") else settings.get(name)

        return cls(value("OPENSEARCH_URL"), value("OPENSEARCH_INDEX"), value("OPENSEARCH_USER"),
                   value("OPENSEARCH_PASSWORD"), value("OPENSEARCH_CA_FILE"))

    def client(self) -> OpenSearch:
        """A thread-safe client (its connection pool is shared by the threads of a process)."""
        options: dict[str, Any] = {"hosts": [self.url], "timeout": REQUEST_TIMEOUT,
                                      "max_retries": 1, "retry_on_timeout": False}
        if self.user:
            options["http_auth"] = (self.user, self.password)
        if self.ca_file:
            options["ca_certs"] = self.ca_file
            options["verify_certs"] = True
        return OpenSearch(**options)

    def new_index_name(self) -> str:
        """A fresh concrete index name behind the alias, ordered by time."""
        return f"{self.alias}-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**6:06d}"

    def current_index(self, client: OpenSearch) -> str | None:
        """The concrete index the alias points to, or None when there is none."""
        try:
            found = client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return None
        except (OSConnectionError, TransportError) as exc:
            raise ClusterUnavailable(self.url, str(exc)) from exc
        names = sorted(found)
        return names[-1] if names else None
