"""Writing an export file whole or not at all.

Writers write into a temporary file in the target folder and :func:`os.replace` it into place at
the end, so an error (a full disk, a bug) never leaves a half-written report behind, and a
reader never sees one. The PDF writer of ``ui`` uses the same helper.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from rt_desktop.errors import BadInput

__all__ = ["atomic_output", "check_output_path"]


def _unwritable(path: Path, why_id: str, why_en: str) -> BadInput:
    return BadInput(f"Tidak dapat menulis {path}: {why_id}.", f"Cannot write {path}: {why_en}.")


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """The output path, checked before any work is done.

    :raises BadInput: empty, a folder, or in a folder that does not exist
    """
    if not str(path).strip():
        raise BadInput("Berkas keluaran belum diisi (--out BERKAS).",
                       "No output file given (--out FILE).")
    out = Path(path).expanduser()
    if out.is_dir():
        raise _unwritable(out, "itu sebuah folder", "it is a folder")
    if not out.parent.is_dir():
        raise _unwritable(out, f"folder {out.parent} tidak ada",
                          f"the folder {out.parent} does not exist")
    return out


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *,
                  before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without an error, call
    ``before_replace`` (e.g. to audit the export) and move the file into place.

    :raises BadInput: the folder cannot be written (exit status 2); nothing is left behind
    """
    out = check_output_path(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".rt-export-", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise _unwritable(out, exc.strerror or "ditolak", exc.strerror or "refused") from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        if before_replace is not None:
            before_replace()
        os.replace(temp, out)
    except OSError as exc:
        raise _unwritable(out, exc.strerror or str(exc), exc.strerror or str(exc)) from exc
    finally:
        temp.unlink(missing_ok=True)
