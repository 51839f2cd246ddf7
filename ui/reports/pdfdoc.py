"""A4 PDF pages from a QTextDocument, with a running header and footer on every page.

Shared by the report PDF and the surat rujukan. Runs on the database worker or headless
(``rt-desktop export --format pdf``): QPainter on a QPdfWriter and QTextDocument are safe
outside the GUI thread; only the QGuiApplication must exist, and :func:`ensure_gui` makes an
offscreen one when nothing else has.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from rt_desktop import __version__

__all__ = ["DPI", "FONT_FAMILIES", "Decorate", "document_font", "ensure_gui", "mm",
           "print_document"]

DPI = 300
FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Segoe UI"]
#: draws the running header and footer: (painter, page, pages, page rect)
Decorate = Callable[[QPainter, int, int, QRectF], None]

_APP: QApplication | None = None


def ensure_gui() -> None:
    """A GUI application for fonts and painting; headless, an offscreen one (kept for the
    process). Must first be called on the main thread when no application exists.

    A QApplication rather than a bare QGuiApplication, so that widgets made later in the same
    process (a test run, a script) still work.

    :raises RuntimeError: a non-GUI QCoreApplication is running
    """
    global _APP
    app = QCoreApplication.instance()
    if app is None:
        argv = ["rt-desktop"]
        if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
            # `rt-desktop export` needs no window: never ask for a display that may not exist.
            argv += ["-platform", "offscreen"]
        _APP = QApplication(argv)
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("PDF output needs a QGuiApplication, not a QCoreApplication")


def mm(value: float) -> float:
    """Millimetres in the writer's device pixels."""
    return value * DPI / 25.4


def document_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    # No ligatures: "fisik" must read back (pdftotext, search, copy) as f-i, not "ﬁ".
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def new_writer(path: str | os.PathLike[str], *, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(Path(path)))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(DPI)
    writer.setPageMargins(QMarginsF(18, 14, 18, 14), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator(f"RT Desktop {__version__}")
    return writer


def print_document(path: str | os.PathLike[str], doc: QTextDocument, *, title: str,
                   decorate: Decorate, header: float = mm(9), footer: float = mm(9),
                   prepare: Callable[[QPdfWriter], None] | None = None) -> int:
    """Lay ``doc`` out on A4 pages and write them to ``path``; returns the number of pages.

    ``prepare`` runs once the writer exists and before the layout (it registers the chart,
    whose size depends on the writer's resolution). The body of each page is the paintable
    area less ``header`` and ``footer``, where ``decorate`` draws.

    :raises OSError: the file cannot be written
    """
    ensure_gui()
    writer = new_writer(path, title=title)
    if prepare is not None:
        prepare(writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        page = QRectF(writer.pageLayout().paintRectPixels(DPI))
        page.moveTo(0, 0)  # the painter's origin is the top-left of the paintable area
        body = QRectF(0, header, page.width(), page.height() - header - footer)
        doc.documentLayout().setPaintDevice(writer)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        pages = doc.pageCount()
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - index * body.height())
            doc.drawContents(painter, QRectF(0, index * body.height(), body.width(),
                                             body.height()))
            painter.restore()
            decorate(painter, index + 1, pages, page)
    finally:
        painter.end()
    return pages
