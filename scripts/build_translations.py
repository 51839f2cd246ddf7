#!/usr/bin/env python3
"""Build the UI's translations: lupdate over every ``.py`` in ui/ into the two committed ``.ts``
sources (existing translations kept), then lrelease into ``ui/i18n/*.qm`` (built, not committed).

    python scripts/build_translations.py            # update the .ts files, then build the .qm
    python scripts/build_translations.py --qm-only  # build the .qm from the .ts as committed
    python scripts/build_translations.py --check    # fail if a tr() string is not in the .ts

Source strings are Bahasa Indonesia, so the Indonesian catalogue is filled with identity
translations (a string left empty there is copied from its source); the English catalogue is
translated by hand (Qt Linguist, or any editor). ``--check`` runs lupdate into a temporary copy
and compares: it fails when a source string is missing from a ``.ts`` file, and lists English
strings still untranslated (``--strict`` makes those fail too).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "ui"
I18N = UI / "i18n"
LANGS = ("id", "en")
SOURCE_LANGUAGE = "id"
# Qt's own strings: Indonesian by hand (the identity fill would leave them in English).
QT_CONTEXTS = frozenset({"QLineEdit", "QWidgetTextControl", "QAbstractSpinBox", "QFileDialog",
                         "QFileSystemModel", "QPlatformTheme", "QMessageBox"})


def ts_path(lang: str, folder: Path = I18N) -> Path:
    return folder / f"rt_desktop_{lang}.ts"


def qm_path(lang: str, folder: Path = I18N) -> Path:
    return folder / f"rt_desktop_{lang}.qm"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from this Python's environment (the venv)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (pip install -e .)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(folder: Path) -> None:
    files = [str(p) for p in sources()]
    targets = [str(ts_path(lang, folder)) for lang in LANGS]
    subprocess.run([tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    *files, "-ts", *targets], check=True, cwd=ROOT)
    for lang in LANGS:
        _set_language(ts_path(lang, folder), lang)
    _fill_identity(ts_path(SOURCE_LANGUAGE, folder))


def _set_language(path: Path, lang: str) -> None:
    tree = ET.parse(path)
    root = tree.getroot()
    root.set("language", {"id": "id_ID", "en": "en_GB"}[lang])
    root.set("sourcelanguage", "id_ID")
    _write(tree, path)


def _fill_identity(path: Path) -> None:
    """Indonesian is the source language: an empty translation is its source string."""
    tree = ET.parse(path)
    for context in tree.getroot().iter("context"):
        if context.findtext("name") in QT_CONTEXTS:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or (translation.text or "").strip():
                continue
            translation.text = message.findtext("source")
            translation.attrib.pop("type", None)
    _write(tree, path)


def _write(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    ET.indent(tree, space="    ")
    root = tree.getroot()
    assert root is not None
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def lrelease(out: Path = I18N) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(lang)),
                        "-qm", str(qm_path(lang, out))], check=True, cwd=ROOT)


def messages(path: Path) -> dict[tuple[str, str], str]:
    """(context, source) → translation ("" when unfinished)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                text = ""
            else:
                text = translation.text or ""
            found[(name, message.findtext("source") or "")] = text
    return found


def check(strict: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for lang in LANGS:
            shutil.copy(ts_path(lang), ts_path(lang, folder))
        lupdate(folder)
        problems = 0
        for lang in LANGS:
            committed = messages(ts_path(lang))
            current = messages(ts_path(lang, folder))
            missing = sorted(set(current) - set(committed))
            for context, source in missing:
                print(f"{ts_path(lang).relative_to(ROOT)}: missing [{context}] {source!r}")
            problems += len(missing)
            if lang != SOURCE_LANGUAGE:
                untranslated = sorted(k for k in current if k in committed and not committed[k])
                for context, source in untranslated:
                    print(f"{ts_path(lang).relative_to(ROOT)}: untranslated [{context}] "
                          f"{source!r}")
                if strict:
                    problems += len(untranslated)
    if problems:
        print(f"{problems} problem(s): run python scripts/build_translations.py and translate "
              "the new strings in ui/i18n/rt_desktop_en.ts")
        return 1
    print("translations: every tr() string is in the .ts files")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare, change nothing")
    mode.add_argument("--qm-only", action="store_true", help="only lrelease the committed .ts")
    parser.add_argument("--strict", action="store_true",
                        help="with --check: untranslated English strings fail too")
    parser.add_argument("--qm-dir", type=Path, default=I18N,
                        help="where to write the .qm files (default ui/i18n)")
    args = parser.parse_args(argv)
    if args.check:
        return check(args.strict)
    if not args.qm_only:
        lupdate(I18N)
    lrelease(args.qm_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
