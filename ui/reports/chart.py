"""The month-by-month trend of a report, drawn with QPainter (no QtCharts in the Essentials wheel).

Three small bar charts side by side (or stacked where the space is narrow): sessions,
attendees and — when the report has them — cases. Each has its own scale, because attendees
outnumber sessions tenfold and one shared axis would flatten the sessions to nothing.

A suppressed case count is never drawn as a bar or a number: its month shows a gap with the
mark the tables use ("<3", or "x" for a count hidden so that a "<3" cannot be worked out).

:func:`layout_trend` computes every bar and label (tests read it); :func:`paint_trend` draws
it on any painter — the screen's :class:`TrendChart`, and the PDF on the database worker.
Geometry is in units of the font's height, so the same code suits 96 dpi and 300 dpi.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rt_desktop.reports import Hidden, TrendPoint, Value
from ui.i18n import locale_for

__all__ = ["SERIES", "BarMark", "ChartTexts", "Panel", "TrendChart", "any_hidden",
           "chart_series", "layout_trend", "legend_height", "paint_trend", "trend_summary"]

SERIES = ("sessions", "attendees", "incidents")
COLOURS = {"sessions": QColor("#1d4f91"), "attendees": QColor("#2e7d32"),
           "incidents": QColor("#a15c00")}
MUTED = QColor("#5f6368")
GRID = QColor("#c4ccd6")


@dataclass(frozen=True)
class ChartTexts:
    """The chart's own words, already in the reader's language (tr() on screen, the PDF's
    language in the PDF)."""

    titles: dict[str, str]  # series → title
    hidden_legend: str  # explains the "<3" / "x" marks


@dataclass(frozen=True)
class BarMark:
    series: str
    month: str  # "2026-10"
    text: str  # what is written above (or, for a gap, in place of) the bar
    hidden: bool
    bar: QRectF  # empty for a zero and for a hidden count
    label: QRectF


@dataclass(frozen=True)
class Panel:
    series: str
    title: str
    frame: QRectF
    plot: QRectF
    bars: tuple[BarMark, ...]
    months: tuple[tuple[str, QRectF], ...]  # axis labels actually drawn
    label_scale: float = 1.0  # value labels shrink (to 60 %) rather than overlap


def _value(point: TrendPoint, series: str) -> Value:
    return getattr(point, series)


def chart_series(points: Sequence[TrendPoint]) -> list[str]:
    """Cases only when the report has them (not for a custom range or an RT selection)."""
    return [s for s in SERIES
            if s != "incidents" or any(p.incidents is not None for p in points)]


def _month_names(points: Sequence[TrendPoint], lang: str) -> list[str]:
    loc = locale_for(lang)
    many_years = len({p.year for p in points}) > 1
    names = []
    for p in points:
        name = loc.standaloneMonthName(p.month, loc.FormatType.ShortFormat)
        names.append(f"{name} {p.year % 100:02d}" if many_years else name)
    return names


def _mark_text(value: Value, lang: str) -> str:
    if isinstance(value, Hidden):
        return value.text()
    return locale_for(lang).toString(int(value or 0))


def layout_trend(points: Sequence[TrendPoint], rect: QRectF, metrics: QFontMetricsF,
                 texts: ChartTexts, *, lang: str = "id", columns: int | None = None
                 ) -> list[Panel]:
    """Where every panel, bar and label goes inside ``rect``."""
    if not points:
        return []
    series = chart_series(points)
    h = metrics.height()
    if columns is None:
        columns = len(series) if rect.width() >= len(series) * 14 * h else 1
    columns = max(1, min(columns, len(series)))
    rows = -(-len(series) // columns)
    legend = legend_height(points, texts, metrics, rect.width())
    gap = h
    width = (rect.width() - gap * (columns - 1)) / columns
    height = (rect.height() - legend - gap * (rows - 1)) / rows
    names = _month_names(points, lang)
    panels = []
    for i, name in enumerate(series):
        left = rect.left() + (i % columns) * (width + gap)
        top = rect.top() + (i // columns) * (height + gap)
        frame = QRectF(left, top, width, height)
        # title line, room for the value labels, the bars, then the month names
        plot = QRectF(left + h * 0.3, top + h * 2.5, width - h * 0.6, height - h * 3.9)
        panels.append(_panel(name, texts.titles[name], frame, plot, points, names, metrics,
                             lang))
    return panels


def any_hidden(points: Sequence[TrendPoint]) -> bool:
    return any(isinstance(p.incidents, Hidden) for p in points)


def legend_height(points: Sequence[TrendPoint], texts: ChartTexts, metrics: QFontMetricsF,
                  width: float) -> float:
    """Room for the "<3" legend under the panels: none without hidden months; a second line
    when it does not fit on one (a longer language, a narrow window)."""
    if not any_hidden(points):
        return 0.0
    lines = 1 if metrics.horizontalAdvance(texts.hidden_legend) <= width else 2
    return metrics.height() * (0.2 + 1.2 * lines)


def _panel(series: str, title: str, frame: QRectF, plot: QRectF,
           points: Sequence[TrendPoint], names: list[str], metrics: QFontMetricsF,
           lang: str) -> Panel:
    h = metrics.height()
    values = [_value(p, series) for p in points]
    shown = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    top = max([*shown, 1])
    slot = plot.width() / len(points)
    bars: list[BarMark] = []
    for p, value in zip(points, values, strict=True):
        x = plot.left() + slot * (len(bars))
        centre = x + slot / 2
        hidden = isinstance(value, Hidden)
        count = value if isinstance(value, int) and not hidden else 0
        bar_h = plot.height() * count / top
        bar = QRectF(centre - slot * 0.3, plot.bottom() - bar_h, slot * 0.6, bar_h)
        if hidden:  # the gap: the mark sits on the baseline, where a bar would start
            label = QRectF(x, plot.bottom() - h * 1.1, slot, h)
        else:
            label = QRectF(x, plot.bottom() - bar_h - h * 1.05, slot, h)
        bars.append(BarMark(series, f"{p.year:04d}-{p.month:02d}", _mark_text(value, lang),
                            hidden, bar if count else QRectF(), label))
    widest = max(metrics.horizontalAdvance(n) for n in names) + h * 0.3
    every = max(1, -(-int(widest) // max(int(slot), 1)))
    months = tuple((name, QRectF(plot.left() + slot * i - slot * (every - 1) / 2,
                                 plot.bottom() + h * 0.15, slot * every, h))
                   # counted back from the last month: the report's own month is named
                   for i, name in enumerate(names) if (len(names) - 1 - i) % every == 0)
    widest_value = max(metrics.horizontalAdvance(b.text) for b in bars) + h * 0.15
    scale = max(0.6, min(1.0, slot * 0.9 / widest_value))  # a little air between labels
    return Panel(series, title, frame, plot, tuple(bars), months, scale)


def paint_trend(painter: QPainter, rect: QRectF, points: Sequence[TrendPoint],
                texts: ChartTexts, *, lang: str = "id", columns: int | None = None,
                font: QFont | None = None) -> list[Panel]:
    """Draw the chart in ``rect`` with ``painter`` (a widget, an image or a PDF page)."""
    painter.save()
    try:
        if font is not None:
            painter.setFont(font)
        metrics = QFontMetricsF(painter.font(), painter.device())
        panels = layout_trend(points, rect, metrics, texts, lang=lang, columns=columns)
        h = metrics.height()
        for panel in panels:
            _paint_panel(painter, panel, h)
        height = legend_height(points, texts, metrics, rect.width())
        if panels and height:
            painter.setPen(MUTED)
            legend = QRectF(rect.left(), rect.bottom() - height + h * 0.2, rect.width(),
                            height - h * 0.2)
            painter.drawText(legend, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, texts.hidden_legend)
        return panels
    finally:
        painter.restore()


def _paint_panel(painter: QPainter, panel: Panel, h: float) -> None:
    axis = QFont(painter.font())
    bold = QFont(axis)
    bold.setBold(True)
    normal = QFont(axis)
    italic = QFont(painter.font())
    italic.setItalic(True)
    colour = COLOURS[panel.series]
    painter.setFont(bold)
    painter.setPen(colour)
    painter.drawText(QRectF(panel.frame.left(), panel.frame.top(), panel.frame.width(), h * 1.2),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, panel.title)
    if panel.label_scale < 1.0:
        normal, italic = _scaled(normal, panel.label_scale), _scaled(italic, panel.label_scale)
    painter.setFont(normal)
    centred = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
    for mark in panel.bars:
        if mark.hidden:
            pen = QPen(MUTED, max(1.0, h / 14), Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setFont(italic)
            width = min(mark.label.width() * 0.95,
                        QFontMetricsF(italic, painter.device()).horizontalAdvance(mark.text)
                        + h * 0.4)
            box = QRectF(mark.label.center().x() - width / 2, mark.label.top(), width,
                         mark.label.height())
            painter.drawRect(box)
            painter.drawText(mark.label, Qt.AlignmentFlag.AlignCenter, mark.text)
            painter.setFont(normal)
            continue
        if not mark.bar.isEmpty():
            painter.fillRect(mark.bar, colour)
        painter.setPen(QColor("#1f2328"))
        painter.drawText(mark.label, centred, mark.text)
    painter.setPen(QPen(GRID, max(1.0, h / 12)))
    painter.drawLine(QPointF(panel.plot.left(), panel.plot.bottom()),
                     QPointF(panel.plot.right(), panel.plot.bottom()))
    painter.setPen(MUTED)
    painter.setFont(axis)
    for name, where in panel.months:
        painter.drawText(where, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)


def _scaled(font: QFont, factor: float) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return font


def trend_summary(points: Sequence[TrendPoint], texts: ChartTexts, *, lang: str = "id") -> str:
    """The chart as text, for screen readers and the tooltip."""
    names = _month_names(points, lang)
    lines = []
    for series in chart_series(points):
        values = ", ".join(f"{n} {_mark_text(_value(p, series), lang)}"
                           for n, p in zip(names, points, strict=True))
        lines.append(f"{texts.titles[series]}: {values}")
    return "\n".join(lines)


class TrendChart(QWidget):
    """The trend on screen; empty until :meth:`set_trend`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.points: tuple[TrendPoint, ...] = ()
        self.lang = "id"
        self.panels: list[Panel] = []  # as last painted
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.texts = self._texts()

    def _texts(self) -> ChartTexts:
        return ChartTexts(
            {"sessions": self.tr("Sesi Lautan RT"), "attendees": self.tr("Peserta hadir"),
             "incidents": self.tr("Kasus dilaporkan")},
            self.tr("Kotak putus-putus “<3” atau “x”: angka kasus disembunyikan agar anak "
                    "tidak dapat dikenali."))

    def set_trend(self, points: Sequence[TrendPoint], lang: str) -> None:
        self.points, self.lang = tuple(points), lang
        self.texts = self._texts()
        self.setToolTip(trend_summary(self.points, self.texts, lang=lang))
        self.setAccessibleDescription(self.toolTip())
        self.updateGeometry()
        self.update()

    def _panel_height(self) -> int:
        return 11 * self.fontMetrics().height()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 — Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — Qt's name
        """Side by side where there is room, else one panel under the other."""
        if not self.points:
            return 0
        h = self.fontMetrics().height()
        count = len(chart_series(self.points))
        rows = 1 if width - 16 >= count * 14 * h else count
        legend = legend_height(self.points, self.texts, QFontMetricsF(self.font(), self),
                               width - 16)
        return rows * self._panel_height() + (rows - 1) * h + int(legend) + 10

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(720, self.heightForWidth(720))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(240, self._panel_height() if self.points else 0)

    def paintEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self.panels = paint_trend(painter, self._area(), self.points, self.texts,
                                  lang=self.lang)
        painter.end()

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 6, -8, -4)

    def layout_now(self) -> list[Panel]:
        """The panels as the next paint will draw them (what tests and accessibility read)."""
        return layout_trend(self.points, self._area(), QFontMetricsF(self.font(), self),
                            self.texts, lang=self.lang)
