"""The on-disk image cache (lib/charts/cache.py): a chart is rendered once, until it changes."""

from __future__ import annotations

import os
from datetime import date

import pytest

from lib.charts.cache import ImageCache, image_key
from lib.report.model import build_report
from lib.report.write import render_images
from tests.report_fixtures import FakeExporter

AS_OF = date(2014, 10, 1)
CREATED = date(2026, 11, 29)


@pytest.fixture(scope="module")
def report(plan, example_actuals):
    return build_report(plan, example_actuals, AS_OF, 2014, created=CREATED)


def _fresh(report):
    report.images.clear()
    return report


def test_a_second_report_renders_nothing(report, tmp_path):
    cache = ImageCache(tmp_path)
    first = FakeExporter()
    images = dict(render_images(_fresh(report), first, cache))
    assert len(first.rendered) == len(report.all_charts())
    second = FakeExporter()
    again = render_images(_fresh(report), second, ImageCache(tmp_path))
    assert second.rendered == []
    assert again == images


def test_one_changed_figure_renders_one_chart(report, tmp_path):
    cache = ImageCache(tmp_path)
    render_images(_fresh(report), FakeExporter(), cache)
    item = report.all_charts()[3]
    original = item.figure.layout.title.text
    try:
        item.figure.update_layout(title_text=original + " (gewijzigd)")
        exporter = FakeExporter()
        render_images(_fresh(report), exporter, ImageCache(tmp_path))
        # Drawn once, the changed chart alone (at presentation size its subtitle's font grows).
        assert len(exporter.rendered) == 1
        assert exporter.rendered[0].endswith(" (gewijzigd)")
        assert exporter.rendered[0].split("<br>")[0] == original.split("<br>")[0]
    finally:
        item.figure.update_layout(title_text=original)


def test_the_key_follows_content_and_size(report):
    figure = report.all_charts()[0].figure
    key = image_key(figure, "png", 1200, 675, 1.5)
    assert key == image_key(figure, "png", 1200, 675, 1.5)
    assert key != image_key(figure, "png", 1200, 700, 1.5)
    assert key != image_key(figure, "svg", 1200, 675, 1.5)
    assert key != image_key(report.all_charts()[1].figure, "png", 1200, 675, 1.5)


def test_the_cache_is_bounded_and_drops_the_least_recently_used(tmp_path):
    for n in range(5):
        ImageCache(tmp_path).put(f"k{n}", "png", b"x" * 100)
        os.utime(tmp_path / f"k{n}.png", (1000 + n, 1000 + n))  # k0 oldest
    cache = ImageCache(tmp_path, max_bytes=10_000, max_files=3)
    cache.get("k0", "png")  # used again: kept
    cache.trim()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(kept) == 3 and "k0.png" in kept and "k1.png" not in kept
    big = ImageCache(tmp_path / "big", max_bytes=250)
    for n in range(4):
        big.put(f"b{n}", "png", b"y" * 100)
    assert sum(p.stat().st_size for p in (tmp_path / "big").iterdir()) <= 250


def test_a_deleted_or_unwritable_cache_is_only_slower(report, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    exporter = FakeExporter()
    images = render_images(_fresh(report), exporter, ImageCache(blocked / "images"))
    assert len(images) == len(report.all_charts()) == len(exporter.rendered)
    assert ImageCache(tmp_path / "missing").get("nothing", "png") is None


def test_the_report_memo_key_follows_figures_dates_and_options(plan, example_actuals):
    from lib.figures.actuals import Actuals
    from lib.report.memo import report_key

    def key(actuals=example_actuals, created=CREATED, options=None):
        return report_key(plan, actuals, AS_OF, 2014, created, options or {"since": None})

    assert key() == key()
    frame = example_actuals.frame.copy()
    frame.loc[frame.index[0], "number"] = frame.loc[frame.index[0], "number"] + 1
    changed = Actuals(frame, example_actuals.meta, example_actuals.version, "x.csv")
    assert key(changed) != key()  # the content counts, not the version string
    assert key(created=date(2026, 11, 30)) != key()
    assert key(options={"since": date(2014, 9, 1)}) != key()


def test_build_report_hands_over_every_chart_it_shows_once(plan, example_actuals):
    handed = []
    report = build_report(plan, example_actuals, AS_OF, 2014, CREATED, on_chart=handed.append)
    assert [i.key for i in handed] == [i.key for i in report.all_charts()]
