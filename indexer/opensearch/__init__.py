"""The OpenSearch backend: the same French search on a cluster that outgrows one machine.

- ``index_settings.py``: the French chain as analysis settings, generated from the Python
  chain's lists, and the mapping;
- ``connection.py``: the cluster, credentials and the alias searches go to;
- ``sync.py``: ``presse index`` into OpenSearch (bulk, incremental, alias swap on rebuild);
- ``documents.py``: an article as an OpenSearch document;
- ``dsl.py``: our query tree and filters as query DSL; ``facets.py``: aggregations and sorting;
  ``vocabulary.py``: did-you-mean words;
- ``backend.py``: the read contract (``indexer.search.backend.Backend``).

Chosen with ``PRESSE_BACKEND=opensearch``; the web app imports only the read modules.
"""
