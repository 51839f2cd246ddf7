"""The trend chart: a suppressed case count is a gap with its mark ("<3", "x"), never a bar or
a number; custom ranges have no case panel; the same drawing works on an image."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from rt_desktop.reports import Hidden, TrendPoint, Value
from ui.reports.chart import ChartTexts, TrendChart, layout_trend, paint_trend, trend_summary

TEXTS = ChartTexts({"sessions": "Sesi", "attendees": "Peserta", "incidents": "Kasus"},
                   "legenda")
SMALL, COMPLEMENT = Hidden("small", 3), Hidden("complement", 3)


def year(incidents: list[Value]) -> list[TrendPoint]:
    """Jan..Oct 2026 with 2 sessions and 15 attendees a month and the given case counts."""
    return [TrendPoint(2026, m, f"bulan {m}", f"month {m}", 2, 15, incidents[m - 1])
            for m in range(1, len(incidents) + 1)]


# The true counts behind the hidden months are 1 (March) and 4 (June): neither may show.
POINTS = year([0, 5, SMALL, 7, 3, COMPLEMENT, 0, 9, 12, 4])


@pytest.fixture
def metrics(qapp: Any) -> QFontMetricsF:
    return QFontMetricsF(QFont(), QImage(800, 400, QImage.Format.Format_ARGB32))


def test_hidden_counts_are_gaps_with_their_mark(metrics: QFontMetricsF) -> None:
    panels = layout_trend(POINTS, QRectF(0, 0, 900, 220), metrics, TEXTS)
    assert [p.series for p in panels] == ["sessions", "attendees", "incidents"]
    cases = {bar.month: bar for bar in panels[2].bars}
    march, june = cases["2026-03"], cases["2026-06"]
    assert (march.text, march.hidden, march.bar.isEmpty()) == ("<3", True, True)
    assert (june.text, june.hidden, june.bar.isEmpty()) == ("x", True, True)
    assert cases["2026-02"].text == "5" and not cases["2026-02"].bar.isEmpty()
    assert cases["2026-01"].text == "0" and cases["2026-01"].bar.isEmpty()
    # the tallest visible bar sets the scale: a hidden one cannot be read off the axis
    assert cases["2026-09"].bar.height() == pytest.approx(panels[2].plot.height())
    texts = [bar.text for bar in panels[2].bars]
    assert "1" not in texts and "4" in texts  # October's 4 is visible; June's 4 is "x"
    assert texts.count("4") == 1


def test_no_case_panel_without_case_figures(metrics: QFontMetricsF) -> None:
    points = year([None] * 3)
    panels = layout_trend(points, QRectF(0, 0, 900, 220), metrics, TEXTS)
    assert [p.series for p in panels] == ["sessions", "attendees"]
    assert "Kasus" not in trend_summary(points, TEXTS)


def test_panels_stack_when_narrow_and_label_the_reports_month(metrics: QFontMetricsF) -> None:
    wide = layout_trend(POINTS, QRectF(0, 0, 1200, 220), metrics, TEXTS)
    assert len({p.frame.top() for p in wide}) == 1
    narrow = layout_trend(POINTS, QRectF(0, 0, 300, 660), metrics, TEXTS)
    assert len({p.frame.left() for p in narrow}) == 1 and len(narrow) == 3
    for panel in (*wide, *narrow):
        assert panel.months[-1][0] == "Okt"  # the last month always carries its name


def test_summary_for_screen_readers_says_the_marks(qapp: Any) -> None:
    summary = trend_summary(POINTS, TEXTS)
    assert "Kasus: Jan 0, Feb 5, Mar <3" in summary and "Jun x" in summary
    assert summary.splitlines()[0].startswith("Sesi: Jan 2")


def test_the_widget_draws_the_gap(qtbot: Any) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_trend(POINTS, "id")
    chart.resize(1000, chart.heightForWidth(1000))
    assert "Mar <3" in chart.toolTip()
    image = chart.grab().toImage()
    panel = next(p for p in chart.layout_now() if p.series == "incidents")
    march = next(b for b in panel.bars if b.month == "2026-03")
    bar_colour = QColor("#a15c00").rgb()
    column = int(march.label.center().x())
    # no case-coloured pixel anywhere in March's column: a gap, not a bar
    assert all(image.pixel(column, y) != bar_colour
               for y in range(int(panel.plot.top()), int(panel.plot.bottom())))
    february = next(b for b in panel.bars if b.month == "2026-02")
    assert image.pixel(int(february.bar.center().x()), int(february.bar.center().y())) \
        == bar_colour
    assert chart.heightForWidth(300) > chart.heightForWidth(1000)  # stacked when narrow


def test_paint_on_an_image_returns_what_it_drew(qapp: Any) -> None:
    image = QImage(1200, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        panels = paint_trend(painter, QRectF(0, 0, 1200, 300), POINTS, TEXTS)
    finally:
        painter.end()
    assert [b.text for b in panels[2].bars][2] == "<3"
