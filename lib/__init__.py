"""Het Jonge Kind dashboard logic: plan, actual figures, comparison and charts (no Streamlit)."""
