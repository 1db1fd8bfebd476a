"""Benchmarks for the generator and the site: build cost, page weight and scaling (issue 7).

Entry point: ``python benchmarks/run.py``. Every measured build runs in its own subprocess
(``benchmarks/child.py``) so timings include what a contributor waits for and peak memory is the
child's own.
"""
