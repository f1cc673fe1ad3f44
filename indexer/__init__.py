"""Indexer for the French press search service: extraction, actors, analysis, store, search."""
