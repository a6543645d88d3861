"""Benchmarks of jobboard: a synthetic-postings generator and `python -m benchmarks`."""
