"""Benchmarks of the static publishing pipeline: `python -m tests.benchmarks.run` (`make bench`)."""
