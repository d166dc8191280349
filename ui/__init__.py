"""Streamlit glue shared by dashboard.py and the pages: cached loading, filters, components."""
