"""The report as a printable A4 PDF (QPdfWriter + QTextDocument), Bahasa Indonesia by default.

Page 1 opens with the title, the facts of the report (kelurahan, period, "data per …") and the
monthly trend; every table follows, its header row repeated when it runs onto the next page.
Every page carries the kelurahan and period at the top and "Halaman n dari m" at the bottom.

The trend is drawn by :func:`ui.reports.chart.paint_trend` straight onto the PDF page (vector
and real text), through a QTextDocument object handler so it flows with the tables.

``write_report_pdf`` is the ``writer`` that :func:`rt_desktop.reports.export_report` takes: it
writes the whole file to ``path``; the caller makes it atomic and audits it.
"""

from __future__ import annotations

import html
import os
from typing import Any

from PySide6.QtCore import QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from rt_desktop.reports import Hidden, Report, ReportTable
from ui.reports.cells import is_numeric, value_text
from ui.reports.chart import ChartTexts, chart_series, legend_height, paint_trend
from ui.reports.pdfdoc import document_font, mm, print_document

__all__ = ["write_report_pdf", "report_html"]

CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
_CHART_POINTS = 7.5
# Lengths in px are CSS pixels (1/96 inch: about 4 px to the millimetre), whatever the DPI.
_CSS = """
h1 { font-size: 15pt; color: #1d4f91; margin-bottom: 2px; }
h2 { font-size: 11pt; color: #1f2328; margin-top: 16px; margin-bottom: 5px; }
p.sub { font-size: 10.5pt; margin-top: 0; margin-bottom: 6px; }
p.note { font-size: 8pt; color: #4b535c; margin-top: 3px; }
table.data th { background-color: #e8eef7; font-weight: bold; }
tr.total td { font-weight: bold; background-color: #f3f4f6; }
td.info-label { color: #4b535c; }
"""


def _t(lang: str, text_id: str, text_en: str) -> str:
    """The document's own words follow ``lang`` (not the UI's translator): a PDF made headless
    with ``--lang en`` must be English throughout, like the core's labels."""
    return text_en if lang == "en" else text_id


def chart_texts(lang: str) -> ChartTexts:
    return ChartTexts(
        {"sessions": _t(lang, "Sesi Lautan RT", "Lautan RT sessions"),
         "attendees": _t(lang, "Peserta hadir", "Attendees"),
         "incidents": _t(lang, "Kasus dilaporkan", "Cases reported")},
        _t(lang, "Kotak putus-putus “<3” atau “x”: angka kasus disembunyikan agar anak tidak "
                 "dapat dikenali.",
           "Dashed boxes “<3” or “x”: case counts hidden so that no child can be identified."))


def _table_html(table: ReportTable, lang: str) -> str:
    e = html.escape
    header = table.header(lang)
    cells = [f'<th align="left" width="50%">{e(header[0])}</th>']
    cells += [f'<th align="right">{e(h)}</th>' for h in header[1:]]
    rows = [f"<thead><tr>{''.join(cells)}</tr></thead>"]
    for row in table.rows:
        tds = [f"<td>{e(row.label(lang))}</td>"]
        tds += [f'<td align="{"right" if is_numeric(v) else "left"}">{e(value_text(v, lang))}'
                "</td>" for v in row.values]
        rows.append(f'<tr{" class=total" if row.is_total else ""}>{"".join(tds)}</tr>')
    notes = [n.text(lang) for n in table.notes]
    hidden = next((v for r in table.rows for v in r.values if isinstance(v, Hidden)), None)
    if hidden is not None:
        t = hidden.threshold
        notes.append(_t(lang, f"“<{t}”: 1 sampai {t - 1} kasus; “x”: disembunyikan agar “<{t}” "
                              "tidak dapat dihitung dari jumlah.",
                        f"“<{t}”: 1 to {t - 1} cases; “x”: hidden so that “<{t}” cannot be "
                        "worked out from the totals."))
    if not table.rows:
        notes.insert(0, _t(lang, "Tidak ada.", "None."))
    body = ('<table class="data" width="100%" border="1" cellspacing="0" cellpadding="3" '
            'style="border-collapse: collapse; border-style: solid; border-color: #b6bec8;">'
            + "".join(rows) + "</table>") if table.rows else ""
    return (f"<h2>{e(table.title(lang))}</h2>{body}"
            + "".join(f'<p class="note">{e(n)}</p>' for n in notes))


def report_html(report: Report, lang: str = "id") -> tuple[str, str]:
    """The document before and after the chart, as HTML."""
    e = html.escape
    s = report.scope
    title = _t(lang, "Laporan Sesi Lautan RT dan Kasus Mikro",
               "Report of Lautan RT sessions and micro-level cases")
    info = "".join(f'<tr><td class="info-label" width="32%">{e(k)}</td><td>{e(v)}</td></tr>'
                   for k, v in report.info(lang))
    head = (f"<h1>{e(title)}</h1>"
            f'<p class="sub">Kelurahan {e(s.kelurahan_name)} · {e(report.period.label(lang))}'
            "</p>"
            f'<table width="100%" cellspacing="0" cellpadding="2">{info}</table>'
            f"<h2>{e(report.table('trend').title(lang))}</h2>")
    tables = "".join(_table_html(t, lang) for t in report.tables)
    return head, tables


class _ChartObject(QPyTextObject):
    """Draws the trend where its object character sits in the document."""

    def __init__(self, report: Report, lang: str, writer: QPdfWriter):
        super().__init__()
        self.report, self.lang, self.writer = report, lang, writer
        self.font = document_font(_CHART_POINTS)

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:  # noqa: N802
        width = doc.pageSize().width() - 2 * doc.documentMargin() - 4
        metrics = QFontMetricsF(self.font, self.writer)
        h = metrics.height()
        count = len(chart_series(self.report.trend))
        rows = 1 if width >= count * 14 * h else count
        legend = legend_height(self.report.trend, chart_texts(self.lang), metrics, width)
        # the last line: room before the next heading
        return QSizeF(width, rows * 11 * h + (rows - 1) * h + legend + h)

    def drawObject(self, painter: QPainter, rect: QRectF | QRect,  # noqa: N802
                   doc: QTextDocument, pos: int, fmt: QTextFormat) -> None:
        h = QFontMetricsF(self.font, self.writer).height()
        paint_trend(painter, QRectF(rect).adjusted(0, 0, 0, -h), self.report.trend,
                    chart_texts(self.lang), lang=self.lang, font=self.font)


def _decorate(report: Report, lang: str) -> Any:
    line = f"Kelurahan {report.scope.kelurahan_name} · {report.period.label(lang)}"
    made = _t(lang, "Dibuat", "Generated") + " " + report.generated_at.strftime(
        "%Y-%m-%d %H:%M WITA")

    def decorate(painter: QPainter, page: int, pages: int, area: QRectF) -> None:
        painter.save()
        painter.setFont(document_font(8))
        painter.setPen(QColor("#4b535c"))
        top = QRectF(area.left(), area.top(), area.width(), mm(6))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         "RT Desktop — " + _t(lang, "Laporan", "Report"))
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, line)
        painter.setPen(QPen(QColor("#c4ccd6"), mm(0.2)))
        painter.drawLine(top.bottomLeft(), top.bottomRight())
        bottom = QRectF(area.left(), area.bottom() - mm(6), area.width(), mm(6))
        painter.drawLine(bottom.topLeft(), bottom.topRight())
        painter.setPen(QColor("#4b535c"))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, made)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _t(lang, f"Halaman {page} dari {pages}", f"Page {page} of {pages}"))
        painter.restore()

    return decorate


def write_report_pdf(report: Report, path: str | os.PathLike[str], *, lang: str = "id") -> None:
    """Write ``report`` as an A4 PDF to ``path`` (whole; the caller makes it atomic).

    :raises OSError: the file cannot be written
    """
    from ui.reports.pdfdoc import ensure_gui

    ensure_gui()
    head, tables = report_html(report, lang)
    doc = QTextDocument()
    doc.setDefaultFont(document_font(9))
    doc.setDefaultStyleSheet(_CSS)
    doc.setHtml(head)
    handlers: list[_ChartObject] = []  # the handler must outlive the layout

    def prepare(writer: QPdfWriter) -> None:
        handler = _ChartObject(report, lang, writer)
        handlers.append(handler)
        doc.documentLayout().registerHandler(CHART_OBJECT, handler)
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        chart = QTextCharFormat()
        chart.setObjectType(CHART_OBJECT)
        cursor.insertText("\ufffc", chart)
        cursor.insertHtml(tables)

    title = f"{_t(lang, 'Laporan', 'Report')} Kelurahan {report.scope.kelurahan_name} — " \
            f"{report.period.label(lang)}"
    print_document(path, doc, title=title, decorate=_decorate(report, lang), prepare=prepare)
