"""Charts in one house style: per indicator, per district, the milestone timeline, and their
static export (PNG, SVG, PDF) with title, source and date.

Takes rows of the progress table; knows no storage and no pages.
"""
