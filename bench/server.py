"""Streamlit servers for the benchmark: the dashboard as users get it, and reference apps.

The launcher is support/streamlit_server.py, shared with the browser tests so that both start
servers the same way; this module keeps the names the other bench modules import.
"""

from support.streamlit_server import ROOT, Server, serve

__all__ = ["ROOT", "Server", "serve"]
