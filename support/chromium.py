"""Which Chromium the browser tests and the benchmark drive, and with which flags."""

from __future__ import annotations

import os

DEFAULT_PATH = "/usr/bin/chromium"
# Playwright's own browser download is not reachable here, so we drive Debian's Chromium.
CHROMIUM = os.environ.get("CHROMIUM_PATH", DEFAULT_PATH)
# The network flags stop it calling Google's services, which this machine's network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
