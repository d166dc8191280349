"""The command line, `python -m lib ...`: plan and progress commands, the stored figures, and
the report. The only package that uses all the others.
"""
