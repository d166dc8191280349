"""One headless Chromium, driven through kaleido, that draws chart after chart in the same tab.

Kaleido's own servers (`kaleido.calc_fig_sync` and friends) reload their tab after every chart,
so the page parses Plotly's 4.6 MB script again each time: on this 2-core machine that reload is
about 0.2 s of the 0.25 s a chart costs. Plotly draws each image in a fresh element it removes
afterwards (`Plotly.toImage` on a figure object), so nothing of one chart is left for the next,
and a reused tab draws PNG and JPEG byte for byte as a fresh page does, and the same SVG
document (tests/test_chromium_tab.py). This module keeps kaleido's own rendering and changes one
thing: the tab is reloaded only after a format kaleido prints from the page itself (PDF), after
a failed render, and every RELOAD_EVERY charts (so a long-running app's tab stays small).

It relies on kaleido's `Kaleido._return_kaleido_tab` (kaleido 1.5, pinned in
requirements.txt); the test above fails when an upgrade renames it, and until then a renamed
method would only make rendering as slow as kaleido's own.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import kaleido

RELOAD_EVERY = 50
# Printed from the page's own state (Page.printToPDF): a fresh page after each, as kaleido does.
PRINTED_FORMATS = frozenset({"pdf", "eps", "emf"})


class _ReusedTab(kaleido.Kaleido):
    """Kaleido whose tab is reloaded only when needed (see the module's docstring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reload_after = True  # set for each render by Chromium.render
        self.since_reload = 0

    async def _return_kaleido_tab(self, tab) -> None:  # kaleido's hook, called after each chart
        self.since_reload += 1
        if self.reload_after or self.since_reload >= RELOAD_EVERY:
            await tab.reload()
            self.since_reload = 0
        await self.tabs_ready.put(tab)

    async def reload_all(self) -> None:
        """A fresh page in every tab (after a failed render, whatever it left behind)."""
        tabs = [await self.tabs_ready.get() for _ in range(self.tabs_ready.qsize())]
        for tab in tabs:
            try:
                await tab.reload()
            finally:
                await self.tabs_ready.put(tab)
        self.since_reload = 0


class Chromium:
    """The browser and the event loop that talks to it, in a thread of their own.

    `render` may be called from any thread; calls are taken one at a time.
    """

    def __init__(self, **kaleido_options: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="chromium", daemon=True)
        self._thread.start()
        self._lock = threading.Lock()
        try:
            self._kaleido: _ReusedTab = self._call(self._open(kaleido_options))
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _open(options: dict[str, Any]) -> _ReusedTab:
        browser = _ReusedTab(**options)  # made inside the loop that will drive it
        await browser.open()
        return browser

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def render(self, fig: Any, opts: dict[str, Any]) -> bytes:
        """The image's bytes, as `kaleido.calc_fig` makes them."""
        with self._lock:
            return self._call(self._render(fig, opts))

    async def _render(self, fig: Any, opts: dict[str, Any]) -> bytes:
        browser = self._kaleido
        browser.reload_after = opts.get("format") in PRINTED_FORMATS
        try:
            return await browser.calc_fig(fig, opts=opts)
        except BaseException:
            await browser.reload_all()
            raise

    def close(self) -> None:
        with self._lock:
            try:
                self._call(self._kaleido.close())
            finally:
                self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()
