"""The results as tables on the terminal, each figure against its target where it has one."""

from __future__ import annotations

from bench.report import COLD_TARGET, SECOND_TARGET, print_report
from bench.report_app import APP_TARGET, print_app

FIRST_TARGET = 1.5  # (a): first meaningful content, against the bare app
CHARTS_TARGET = 1.3  # (b): all charts drawn, against the same charts with no other work
# (s): settled (script done, every element drawn, the page quiet), against the bare app settled
# the same way; a target for the pages a stuurgroep member opens first (the speed issue).
SETTLED_TARGET = 1.2
SETTLED_PAGES = ("overzicht", "sinds-vorige-vergadering", "actiepunten")


def _mark(value: float, limit: float) -> str:
    return "ok" if value <= limit else "MISS"


def targets_missed(results: dict) -> list[str]:
    """Every figure that misses its target, in words."""
    missed = []
    for name, page in results["pages"].items():
        if name == "bare":
            continue
        if page["first_ratio"] > FIRST_TARGET:
            missed.append(f"{name} (a) {page['first_ratio']:.2f} > {FIRST_TARGET}")
        if page.get("charts_ratio", 0) > CHARTS_TARGET:
            missed.append(f"{name} (b) {page['charts_ratio']:.2f} > {CHARTS_TARGET}")
        if name in SETTLED_PAGES and page.get("settled_ratio", 0) > SETTLED_TARGET:
            missed.append(f"{name} (s) {page['settled_ratio']:.2f} > {SETTLED_TARGET}")
    report = results["report"]
    if report["cold_ratio"] > COLD_TARGET:
        missed.append(f"report, cold CLI {report['cold_ratio']:.2f} > {COLD_TARGET}")
    if report["second_ratio"] > SECOND_TARGET:
        missed.append(f"report, second {report['second_ratio']:.2f} > {SECOND_TARGET}")
    app = results.get("report_app")  # runs before 7 December 2026 have none
    if app and app["app_ratio"] > APP_TARGET:
        missed.append(f"report, in the app {app['app_ratio']:.2f} > {APP_TARGET}")
    return missed


def margins_short(results: dict) -> list[str]:
    """Every page figure whose 90% interval (bench/loads.py ratio_interval) reaches past its
    target: met in this run, perhaps, but not with a margin these loads can show."""
    short = []
    for name, page in results["pages"].items():
        checked = [("first", FIRST_TARGET, "(a)"), ("charts", CHARTS_TARGET, "(b)")]
        if name in SETTLED_PAGES:
            checked.append(("settled", SETTLED_TARGET, "(s)"))
        for key, target, label in checked:
            interval = page.get(f"{key}_interval")
            if interval and interval[1] > target:
                short.append(f"{name} {label} up to {interval[1]:.2f} > {target}")
    return short


def print_summary(results: dict) -> None:
    meta = results["meta"]
    print(
        f"\nHet Jonge Kind benchmark, {meta['date']}, commit {meta['commit']}"
        f"{' (with uncommitted changes)' if meta['uncommitted_changes'] else ''}, "
        f"{meta['machine']['cpus']} cores, load {meta['machine']['load_average_1m']:.1f}"
    )
    _pages(results["pages"], meta["repeat"]["browser_rounds"])
    _settled(results["pages"])
    year = results["year_change"]
    print(
        f"\nYear change on the overview: {year['dashboard_ms']:.0f} ms, bare select "
        f"{year['bare_ms']:.0f} ms, ratio {year['ratio']:.2f}"
    )
    _large(results["pages_x100"], meta["repeat"]["large_loads"])
    _scripts(results["script_runs"], meta["repeat"])
    e = results["engine"]
    print(
        f"\nComparison engine: {e['figures']:,} figures -> {e['rows']:,} rows in "
        f"{e['median_s']:.1f} s (median of {len(e['runs_s'])}), {e['rows_per_s']:,.0f} rows/s"
    )
    if "changes_x100" in results:
        c = results["changes_x100"]
        print(
            f"Changes since a meeting (100x, {c['history_rows']:,} history rows, every year and "
            f"district): {c['rows']} rows in {c['median_s']:.1f} s (median of {len(c['runs_s'])})"
        )
    m = results["memory"]
    print(
        f"\nPeak memory (RSS) of the server: example {m['dashboard_mib']:.0f} MiB, "
        f"100x {m['dashboard_x100_mib']:.0f} MiB, bare app {m['bare_mib']:.0f} MiB"
    )
    if "server_cpu_per_view" in results:  # runs before 30 November 2026 have none
        c = results["server_cpu_per_view"]
        print(
            f"Server CPU per page view (example, every page in turns): {c['dashboard_ms']:.0f} ms, "
            f"bare app {c['bare_ms']:.0f} ms"
        )
    print_report(results["report"])
    if "report_app" in results:
        print_app(results["report_app"])
    missed = targets_missed(results)
    print("\nTargets: " + ("all met" if not missed else "missed: " + "; ".join(missed)))
    short = margins_short(results)
    print(
        "Pages' 90% intervals: "
        + ("all below their targets" if not short else "reaching past: " + "; ".join(short))
    )


def _pages(pages: dict, rounds: int) -> None:
    print(
        f"\nPage appearance, example data (median of {rounds} loads, ms since navigation; "
        "in brackets the ratio's 90% bootstrap interval)"
    )
    print(
        f"{'page':<26}{'first':>8}{'(a)':>7}{'':>14}{'':>6}{'charts':>8}{'drawn':>8}{'ref':>8}"
        f"{'(b)':>7}{'':>20}{'own':>8}{'vs own':>8}"
    )
    print(f"{'bare app':<26}{pages['bare']['first_ms']:>8.0f}")
    for name, p in pages.items():
        if name == "bare":
            continue
        line = (
            f"{name:<26}{p['first_ms']:>8.0f}{p['first_ratio']:>7.2f}"
            f"{_interval(p.get('first_interval')):>14}"
            f"{_mark(p['first_ratio'], FIRST_TARGET):>6}{p['charts']:>8}"
        )
        if p["charts"]:
            line += (
                f"{p['charts_ms']:>8.0f}{p['reference_charts_ms']:>8.0f}"
                f"{p['charts_ratio']:>7.2f}{_interval(p.get('charts_interval')):>14}"
                f"{_mark(p['charts_ratio'], CHARTS_TARGET):>6}"
            )
            if "own_ratio" in p:
                line += (
                    f"{p['own_charts_ms']:>8.0f}{p['own_ratio']:>8.2f}"
                    f"{_interval(p['own_interval']):>14}"
                )
        print(line)


def _settled(pages: dict) -> None:
    if "settled_ms" not in pages["bare"]:  # runs before 7 December 2026 have none
        return
    print(
        "\nPage settled, example data (script done, every element drawn, nothing changed for "
        "half a second; median ms since navigation)"
    )
    print(f"{'page':<26}{'settled':>8}{'(s)':>7}{'':>14}{'':>6}")
    print(f"{'bare app':<26}{pages['bare']['settled_ms']:>8.0f}")
    for name, p in pages.items():
        if name == "bare":
            continue
        mark = _mark(p["settled_ratio"], SETTLED_TARGET) if name in SETTLED_PAGES else ""
        print(
            f"{name:<26}{p['settled_ms']:>8.0f}{p['settled_ratio']:>7.2f}"
            f"{_interval(p['settled_interval']):>14}{mark:>6}"
        )


def _interval(interval: list[float] | None) -> str:
    return f"[{interval[0]:.2f}-{interval[1]:.2f}]" if interval else ""


def _large(pages: dict, loads: int) -> None:
    print(f"\nPage appearance, 100x data (median of {loads} loads after a warm-up, ms)")
    print(f"{'page':<20}{'first':>8}{'vs bare':>9}{'charts':>8}{'drawn':>8}")
    for name, p in pages.items():
        drawn = f"{p['charts_ms']:>8.0f}" if p["charts_ms"] else ""
        print(f"{name:<20}{p['first_ms']:>8.0f}{p['first_ratio']:>9.2f}{p['charts']:>8}{drawn}")


def _scripts(runs: dict, repeat: dict) -> None:
    print(
        f"\nScript run time under AppTest (median of {repeat['script_runs']} at example size, "
        f"{repeat['script_runs_x100']} at 100x; ms)"
    )
    print(f"{'page':<20}{'example':>10}{'100x':>10}{'growth':>8}")
    print(f"{'bare app':<20}{runs['bare']['median_s'] * 1000:>10.1f}")
    for name, growth in runs["growth"].items():
        label = "first run (cold)" if name == "cold" else name
        print(
            f"{label:<20}{runs['voorbeeld'][name]['median_s'] * 1000:>10.1f}"
            f"{runs['x100'][name]['median_s'] * 1000:>10.1f}{growth:>8.1f}"
        )
