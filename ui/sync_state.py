"""Whether a record has reached the city server: its icon and its words, for lists and forms.

The state is the record table's ``sync_state`` column (``pending``, ``synced``, ``conflict``,
``rejected``). Icons are drawn with QPainter (no image files to ship): a shape and a colour each,
so the states differ in shape as well as colour for volunteers who do not tell colours apart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

__all__ = ["SYNC_STATES", "sync_state_color", "sync_state_icon", "sync_state_label"]

SYNC_STATES = ("pending", "synced", "conflict", "rejected")

_COLORS = {
    "pending": "#6b7280",   # grey: nothing wrong, not sent yet
    "synced": "#15803d",    # green
    "conflict": "#d97706",  # orange: someone must choose a value
    "rejected": "#b91c1c",  # red: the server refused the change
}
_SIZES = (16, 24, 32, 48)
_icons: dict[str, QIcon] = {}


def sync_state_label(state: str) -> str:
    """The volunteer's words for a state (an unknown state reads as not sent yet)."""
    labels = {
        "pending": QCoreApplication.translate("SyncState", "Belum terkirim"),
        "synced": QCoreApplication.translate("SyncState", "Terkirim"),
        "conflict": QCoreApplication.translate("SyncState", "Konflik"),
        "rejected": QCoreApplication.translate("SyncState", "Ditolak"),
    }
    return labels.get(state, labels["pending"])


def sync_state_color(state: str) -> QColor:
    return QColor(_COLORS.get(state, _COLORS["pending"]))


def sync_state_icon(state: str) -> QIcon:
    """A small drawn icon: grey clock (pending), green tick (synced), orange "!" (conflict),
    red "×" (rejected). Needs a QGuiApplication; icons are made once per state."""
    state = state if state in _COLORS else "pending"
    icon = _icons.get(state)
    if icon is None:
        icon = QIcon()
        for size in _SIZES:
            icon.addPixmap(_draw(state, size))
        _icons[state] = icon
    return icon


def _draw(state: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = sync_state_color(state)
        margin = size * 0.06
        disc = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
        stroke = max(1.5, size / 9)
        if state == "pending":
            # An outlined clock: "waiting", not "wrong".
            painter.setPen(QPen(color, stroke))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(disc.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2))
            centre = disc.center()
            pen = QPen(color, stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(centre, QPointF(centre.x(), disc.top() + size * 0.25))
            painter.drawLine(centre, QPointF(disc.right() - size * 0.27, centre.y()))
            return pixmap
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        if state == "conflict":
            # A triangle, like a warning sign.
            path = QPainterPath()
            path.moveTo(size / 2, margin)
            path.lineTo(size - margin, size - margin)
            path.lineTo(margin, size - margin)
            path.closeSubpath()
            painter.drawPath(path)
        else:
            painter.drawEllipse(disc)
        pen = QPen(QColor("white"), stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        s = size
        if state == "synced":
            tick = QPainterPath()
            tick.moveTo(s * 0.28, s * 0.52)
            tick.lineTo(s * 0.44, s * 0.68)
            tick.lineTo(s * 0.73, s * 0.36)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        elif state == "conflict":
            painter.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.64))
            painter.drawPoint(QPointF(s / 2, s * 0.80))
        else:
            painter.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66))
            painter.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66))
    finally:
        painter.end()
    return pixmap
