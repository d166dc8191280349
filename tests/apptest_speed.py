"""Two things every new `AppTest` redoes that cannot change during a test session.

- It scans every installed package's metadata for Streamlit components
  (`scan_component_manifests`): about a seventh of the AppTest tests' CPU, profiled with py-spy.
  The installed packages are the same for the whole session, so the scan runs once.
- It compiles the app's scripts anew (a fresh `ScriptCache` per run, with Streamlit's "magic"
  rewrite of each file's syntax tree). Here the compiled code is kept per file and is compiled
  again whenever the file's size or modification time differs, so a test that writes a script
  of its own gets that script.

Neither changes what a page does: the scan's result and the bytecode are what Streamlit makes
itself. `install` is called once per worker by tests/conftest.py.
"""

from __future__ import annotations

import os
import threading
from functools import cache
from typing import Any

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner import script_cache
from streamlit.testing.v1 import app_test, local_script_runner

_compiled: dict[tuple[str, int, int], Any] = {}
_lock = threading.Lock()


class SessionScriptCache(script_cache.ScriptCache):
    """Streamlit's ScriptCache, sharing compiled scripts across instances by path, size and
    modification time."""

    def get_bytecode(self, script_path: str) -> Any:
        path = os.path.abspath(script_path)
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        with _lock:
            found = _compiled.get(key)
        if found is None:
            found = super().get_bytecode(path)
            with _lock:
                _compiled[key] = found
        return found


def install(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(
        manifest_scanner,
        "scan_component_manifests",
        cache(manifest_scanner.scan_component_manifests),
    )
    patch.setattr(app_test, "ScriptCache", SessionScriptCache)
    patch.setattr(local_script_runner, "ScriptCache", SessionScriptCache)
