"""The comparison: target against actual for every indicator, year and district, judged into a
status with a Dutch reason, and the projection to the plan's last year.

Depends on the plan and the figures; knows no charts and no storage.
"""
