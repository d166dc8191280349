"""Code the benchmark (bench/) and the browser tests (tests/e2e/) share: launching Streamlit and
Chromium the same way in both, so a benchmark number and a test result speak of the same setup.

Nothing here imports pytest or playwright: the tests must still skip cleanly without playwright,
and failures are plain exceptions that each caller reports its own way.
"""
