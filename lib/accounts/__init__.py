"""Who may read and who is who: the `[access]` setting for readers, one identity per editor
(case-folded, look-alike names counted as one), with no database and no Streamlit. The store's
editor accounts and four-eyes checks build on it."""
