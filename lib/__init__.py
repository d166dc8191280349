"""The progress dashboard's logic: plan, actual figures, comparison and charts (no Streamlit)."""
