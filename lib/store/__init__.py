"""Stored figures: the database, writes with history and four eyes, closed years, imports, the
Excel template, and the editors who may change them.

Depends on the plan and the figures; knows no statuses, charts or pages.
"""
