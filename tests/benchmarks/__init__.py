"""Performance benchmark for issue #7: is the app as fast with 10,000 applications as with 10?

Run it with ``python -m tests.benchmarks.run`` (or ``python tests/benchmarks/run.py``) from the
repository root. It is excluded from the normal pytest run; ``tests/perf/test_benchmark_smoke.py``
runs a small, fast version of the same measurements there.
"""
