"""Start the dashboard: `python -m ui.serve [streamlit options]` is `streamlit run dashboard.py`.

Why not plain `streamlit run`: Streamlit still treats a `pages/` folder next to the main script
the pre-`st.navigation` way until the first script run has called `st.navigation`. On a freshly
started server, the very first visitor who opens a direct link (e.g. /mijlpalen) would see
"Page not found" before the right page appears. This app always uses `st.navigation`, so we
tell Streamlit so before the first session starts.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "dashboard.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
