"""Benchmarks of the dashboard: `make bench` runs bench/run.py (see bench/README.md)."""
