"""Benchmarks and ranking-quality evaluation (run by `make bench` and `make bench-quality`)."""
