"""Actual figures as data: the CSV format and its row checks, the figure key and its history
replay, what can be entered, and the lookup of figures known at a reporting date.

Depends on the plan only; knows no database and no statuses.
"""
