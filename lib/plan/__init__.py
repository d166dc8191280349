"""The plan (targets.yaml): its schema, loading with line numbers, and the checks across it.

Knows nothing of the figures; every other package reads the plan through these modules.
"""
