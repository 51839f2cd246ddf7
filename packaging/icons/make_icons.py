"""Render packaging/icons/rt-desktop.svg to the PNGs and the Windows .ico beside it.

    .venv/bin/python packaging/icons/make_icons.py

Uses Qt's own SVG renderer (QtSvg, part of PySide6-Essentials), offscreen, so it runs on a
machine without a display. The .ico holds PNG-compressed images (16 to 256 px), which every
Windows since Vista reads; it is written by hand because Qt's ico writer is a plugin that the
app's bundle does not carry. The outputs are committed: the builds do not need to run this.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SVG = HERE / "rt-desktop.svg"
PNG_SIZES = (48, 128, 256)  # the hicolor sizes the .deb and the .tar.gz install
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size}px PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNGs (ICONDIR, ICONDIRENTRY…, then the PNG data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    rendered = {size: render(renderer, size) for size in sorted(set(PNG_SIZES + ICO_SIZES))}
    for size in PNG_SIZES:
        path = HERE / f"rt-desktop-{size}.png"
        path.write_bytes(rendered[size])
        print(f"{path.relative_to(HERE.parent.parent)}  {len(rendered[size])} bytes")
    path = HERE / "rt-desktop.ico"
    path.write_bytes(ico({size: rendered[size] for size in ICO_SIZES}))
    print(f"{path.relative_to(HERE.parent.parent)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
