"""Benchmarks and the load-and-faults test of the platform (issue 9, issue 8 part 6).

`python -m bench --help` lists them; docs/performance.md explains what each measures, the
targets, and the results recorded on a two-core machine.
"""
