"""Benchmarks: `make bench` (reader pages, bench/pages_bench.py). Nothing here is used by the product."""
