"""Benchmark helpers: a deterministic synthetic corpus with gold annotations (`benchmarks.corpus`)."""
