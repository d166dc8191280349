"""The progress report in the download popover: made on request, with its progress per stage.

No time is promised: the stages are shown as they happen (figures, each chart, each file), and
the files are kept for the session, so asking again does not make them again. Charts rendered
before, by anyone, come from the image cache (lib/charts/cache.py).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import streamlit as st

from lib import fmt
from lib.charts.export import INSTALL_HINT, ExportUnavailable
from lib.report.meeting import meeting_inputs
from lib.report.model import build_report
from lib.report.selection import Selection
from lib.report.write import CHART_FORMATS, BackgroundRenderer, render
from ui import context

REPORT_FORMATS = (
    ("pdf", "PDF (A4)", "application/pdf", ":material/picture_as_pdf:"),
    (
        "pptx",
        "PowerPoint (16:9)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ":material/slideshow:",
    ),
    (
        "xlsx",
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ":material/table:",
    ),
    (
        "docx",
        "Word (vergaderstuk)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
)
FORMAT_NAMES = {"pdf": "PDF", "pptx": "PowerPoint", "xlsx": "Excel", "docx": "Word"}
SESSION_KEY = "report_files"
ASKED_KEY = "report_asked"  # "Rapport maken" was clicked; the report is made in the next run
# Keyboard focus to the first download once the report is made (the buttons are drawn after
# this script arrives, so it looks for them a few times).
FOCUS_FIRST_DOWNLOAD = """<span hidden></span><script>
(() => {
  const selector = ".st-key-report_downloads [data-testid='stDownloadButton'] button";
  let tries = 0;
  const focus = () => {
    const first = document.querySelector(selector);
    if (first) {
      first.focus();
      first.scrollIntoView({ block: "nearest" });
    } else if (++tries < 100) {
      setTimeout(focus, 50);
    }
  };
  focus();
})();
</script>"""
_LOCK = threading.Lock()  # one report at a time per server: Chromium renders one chart at a time


def _summary_inputs(ctx, since) -> dict:
    """The summary's changes since `since`, the editors' texts and the milestones' horizon from
    the database; figures read from a CSV have no history, meetings or texts."""
    if context.actuals_path() is not None:
        return {}
    return meeting_inputs(
        ctx.plan,
        context.store(ctx.plan),
        ctx.year,
        ctx.as_of,
        since=since,
        include_concept=ctx.actuals.counts_concept,
        actuals=ctx.actuals,  # the figures and comparison this page run already has
        progress=ctx.progress,
    )


def _selection(ctx) -> Selection:
    """The agenda items and indicators the user picks; none: the whole plan."""
    numbers = [a.number for a in ctx.plan.agenda_items]
    names = {a.number: f"{a.number}. {a.name}" for a in ctx.plan.agenda_items}
    items = st.multiselect(
        "Alleen deze agendapunten",
        numbers,
        format_func=names.get,
        placeholder="alle agendapunten",
        key="report_agenda_items",
    )
    indicators = {i.id: i.name for i in ctx.plan.indicators}
    chosen = st.multiselect(
        "Alleen deze doelen",
        list(indicators),
        format_func=indicators.get,
        placeholder="alle doelen",
        key="report_indicators",
    )
    return Selection(tuple(items), tuple(chosen))


def _make(ctx, formats: list[str], exporter, since=None, selection=None) -> tuple[str, dict]:
    """Build the report and write `formats`, showing each stage as it happens; its file name
    and files. Charts render in the background as soon as each is built (lib/report/write.py
    BackgroundRenderer)."""
    out: dict[str, bytes] = {}
    charts = any(f in CHART_FORMATS for f in formats)
    with (
        st.status("Rapport maken", expanded=True) as status,
        ThreadPoolExecutor(max_workers=2, thread_name_prefix="report-render") as pool,
    ):
        status.write("Cijfers, samenvatting en grafieken samenstellen")
        renderer = BackgroundRenderer(exporter, None, pool)
        report = build_report(
            ctx.plan,
            ctx.actuals,
            ctx.as_of,
            ctx.year,
            **_summary_inputs(ctx, since),
            on_chart=renderer if charts else None,
            selection=selection,
        )
        bar = st.progress(0.0, text="Grafieken tekenen")

        def progress(text: str, share: float) -> None:
            bar.progress(min(share, 1.0), text=text)

        for fmt_name in sorted(formats, key=lambda f: f in CHART_FORMATS):
            if fmt_name in CHART_FORMATS and not report.images:
                renderer.collect(report, progress)
                bar.progress(1.0, text=f"Alle {len(report.images)} grafieken getekend")
            out[fmt_name] = render(report, fmt_name, exporter)
            status.write(f"{FORMAT_NAMES[fmt_name]} geschreven")
        status.update(label="Rapport klaar", state="complete", expanded=False)
    return report.file_stem(), out


def _ask() -> None:
    st.session_state[ASKED_KEY] = True


def report_buttons(exporter, charts_ok: bool, since=None) -> None:
    """The whole progress report for the chosen year, made when the user asks for it; with
    `since`, the vergaderstuk: its summary lists the changed figures and status moves since then."""
    ctx = context.current()
    # Stored figures carry the database revision in their version, which every saved figure,
    # text or meeting the summary uses moves on: no read of its own needed here.
    key = (ctx.plan.content_hash, ctx.actuals.version, ctx.as_of.isoformat(), ctx.year)
    key += (since.isoformat() if since else "",)
    title = f"Voortgangsrapport {ctx.year} downloaden"
    if since:
        title = f"Vergaderstuk {ctx.year} (sinds {fmt.long_date(since)}) downloaden"
    with st.popover(title, icon=":material/download:", key="report_download"):
        # The downloads come first, side by side: once made, they are in sight without scrolling
        # on a 1,366 x 768 screen, above whatever the popover asks before making the report.
        downloads = st.container(key="report_downloads", horizontal=True)
        st.caption(
            "Samenvatting, overzicht, de agendapunten met grafieken, wijken, mijlpalen en "
            f"werkwijze; peildatum {fmt.long_date(ctx.as_of)}. Als PDF, PowerPoint, Excel en Word. "
            "Kies agendapunten of doelen voor een selectie; zonder keuze staat alles erin."
        )
        if not charts_ok:
            st.warning(INSTALL_HINT + " Het Excel-bestand kan wel.", icon=":material/warning:")
        selection = _selection(ctx)
        key += (selection,)
        formats = [f for f, *_ in REPORT_FORMATS if charts_ok or f not in CHART_FORMATS]
        made = st.session_state.get(SESSION_KEY, {})
        stem, files = made.get(key, ("", None))
        slot = st.empty()
        just_made = False
        # The click is kept in the session by its callback, not only as the button's value: a page
        # rerun alone that finds a figure saved meanwhile becomes a whole run (filters.py), and a
        # button's value does not outlive that.
        asked = st.session_state.pop(ASKED_KEY, False)
        if files is None and (
            slot.button("Rapport maken", key="report_make", type="primary", on_click=_ask) or asked
        ):
            slot.empty()
            just_made = True
            try:
                with _LOCK:
                    stem, files = _make(ctx, formats, exporter, since, selection)
            except ExportUnavailable as exc:
                st.error(str(exc), icon=":material/error:")
                return
            st.session_state[SESSION_KEY] = {key: (stem, files)}  # only the latest is kept
        if files is None:
            return
        with downloads:
            for fmt_name, label, mime, icon in REPORT_FORMATS:
                if fmt_name in files:
                    st.download_button(
                        label,
                        data=files[fmt_name],
                        file_name=f"{stem}.{fmt_name}",
                        mime=mime,
                        on_click="ignore",
                        key=f"report_{fmt_name}",
                        icon=icon,
                    )
            if just_made:  # the clicked button is gone: without this, focus fell to the page top
                st.html(FOCUS_FIRST_DOWNLOAD, unsafe_allow_javascript=True)
