"""What a page or a report shows: the overview table and tiles, the sections of an agenda item,
flat tables of the plan, and small accessible HTML tables.

Combines progress and charts; knows no Streamlit.
"""
