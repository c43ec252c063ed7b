"""Maintenance scripts, run from the repository root (`python -m tools.<name>`, or
`python tools/run_notebooks.py ...`)."""
