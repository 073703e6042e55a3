"""Benchmarks (run as scripts, e.g. ``python -m bench.contradictions``); ``bench.corpus`` generates data."""
