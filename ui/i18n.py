"""Languages of the UI: Qt translators for Bahasa Indonesia (the source language), English, and a
stretched pseudo-locale that checks layouts survive longer text.

Source strings are Bahasa Indonesia, so the ``id`` catalogue is mostly identity; it also carries
Indonesian for the few Qt-internal strings a volunteer sees (a text field's right-click menu).
The ``.qm`` catalogues are built from the committed ``.ts`` sources by
``scripts/build_translations.py``; they are not committed.

Switching language installs another translator: Qt then sends ``QEvent.LanguageChange`` to every
widget, and each screen re-reads its texts in ``changeEvent`` (see :func:`is_language_change`).
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "PSEUDO", "QM_DIR", "PseudoTranslator", "Translations",
    "data_language", "is_language_change", "locale_for", "qm_path", "stretch",
]

log = logging.getLogger(__name__)

QM_DIR = Path(__file__).resolve().parent / "i18n"
CATALOGUE = "rt_desktop"
DEFAULT_LANGUAGE = "id"
#: language code → its own name (never translated: a reader must recognise their language)
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
#: the pseudo-locale: Indonesian stretched by 40 % (for layout tests, never offered to users)
PSEUDO = "xx"
STRETCH = 1.4

# Qt's own strings a volunteer meets (Qt ships no Indonesian catalogue). Listed here so lupdate
# puts them in the .ts files under Qt's contexts; the id catalogue holds their Indonesian.
_QT_STRINGS = (
    QCoreApplication.translate("QLineEdit", "&Undo"),
    QCoreApplication.translate("QLineEdit", "&Redo"),
    QCoreApplication.translate("QLineEdit", "Cu&t"),
    QCoreApplication.translate("QLineEdit", "&Copy"),
    QCoreApplication.translate("QLineEdit", "&Paste"),
    QCoreApplication.translate("QLineEdit", "Delete"),
    QCoreApplication.translate("QLineEdit", "Select All"),
    QCoreApplication.translate("QWidgetTextControl", "&Undo"),
    QCoreApplication.translate("QWidgetTextControl", "&Redo"),
    QCoreApplication.translate("QWidgetTextControl", "Cu&t"),
    QCoreApplication.translate("QWidgetTextControl", "&Copy"),
    QCoreApplication.translate("QWidgetTextControl", "&Paste"),
    QCoreApplication.translate("QWidgetTextControl", "Delete"),
    QCoreApplication.translate("QWidgetTextControl", "Select All"),
    QCoreApplication.translate("QWidgetTextControl", "Copy &Link Location"),
    QCoreApplication.translate("QAbstractSpinBox", "&Step up"),
    QCoreApplication.translate("QAbstractSpinBox", "Step &down"),
    QCoreApplication.translate("QAbstractSpinBox", "&Select All"),
    # The save and open dialogs (the app's own, not the system's) and the standard buttons.
    QCoreApplication.translate("QFileDialog", "&Look in:"),
    QCoreApplication.translate("QFileDialog", "File &name:"),
    QCoreApplication.translate("QFileDialog", "Files of &type:"),
    QCoreApplication.translate("QFileDialog", "&Save"),
    QCoreApplication.translate("QFileDialog", "&Open"),
    QCoreApplication.translate("QFileDialog", "&Choose"),
    QCoreApplication.translate("QFileDialog", "Save As"),
    QCoreApplication.translate("QFileDialog", "Open"),
    QCoreApplication.translate("QFileDialog", "Back"),
    QCoreApplication.translate("QFileDialog", "Forward"),
    QCoreApplication.translate("QFileDialog", "Parent Directory"),
    QCoreApplication.translate("QFileDialog", "Create New Folder"),
    QCoreApplication.translate("QFileDialog", "Create a New Folder"),
    QCoreApplication.translate("QFileDialog", "List View"),
    QCoreApplication.translate("QFileDialog", "Detail View"),
    QCoreApplication.translate("QFileDialog", "New Folder"),
    QCoreApplication.translate("QFileDialog", "&New Folder"),
    QCoreApplication.translate("QFileDialog", "&Rename"),
    QCoreApplication.translate("QFileDialog", "&Delete"),
    QCoreApplication.translate("QFileDialog", "Delete"),
    QCoreApplication.translate("QFileDialog", "Show &hidden files"),
    QCoreApplication.translate("QFileDialog", "Recent Places"),
    QCoreApplication.translate("QFileDialog", "Directory:"),
    QCoreApplication.translate("QFileDialog", "All Files (*)"),
    QCoreApplication.translate("QFileDialog", "All files (*)"),
    QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?"),
    QCoreApplication.translate("QFileDialog", "Are you sure you want to delete '%1'?"),
    QCoreApplication.translate("QFileDialog", "Sidebar"),
    QCoreApplication.translate("QFileDialog", "Remove"),
    QCoreApplication.translate("QFileDialog", "Go back"),
    QCoreApplication.translate("QFileDialog", "Go forward"),
    QCoreApplication.translate("QFileDialog", "Go to the parent directory"),
    QCoreApplication.translate("QFileDialog", "Change to list view mode"),
    QCoreApplication.translate("QFileDialog", "Change to detail view mode"),
    QCoreApplication.translate("QFileDialog", "List of places and bookmarks"),
    QCoreApplication.translate("QFileSystemModel", "Name"),
    QCoreApplication.translate("QFileSystemModel", "Size"),
    QCoreApplication.translate("QFileSystemModel", "Kind"),
    QCoreApplication.translate("QFileSystemModel", "Type"),
    QCoreApplication.translate("QFileSystemModel", "Date Modified"),
    QCoreApplication.translate("QFileSystemModel", "Computer"),
    QCoreApplication.translate("QFileSystemModel", "My Computer"),
    QCoreApplication.translate("QPlatformTheme", "OK"),
    QCoreApplication.translate("QPlatformTheme", "Save"),
    QCoreApplication.translate("QPlatformTheme", "Open"),
    QCoreApplication.translate("QPlatformTheme", "Cancel"),
    QCoreApplication.translate("QPlatformTheme", "Close"),
    QCoreApplication.translate("QPlatformTheme", "Apply"),
    QCoreApplication.translate("QPlatformTheme", "Reset"),
    QCoreApplication.translate("QPlatformTheme", "Help"),
    QCoreApplication.translate("QPlatformTheme", "Discard"),
    QCoreApplication.translate("QPlatformTheme", "&Yes"),
    QCoreApplication.translate("QPlatformTheme", "&No"),
    QCoreApplication.translate("QPlatformTheme", "Yes to &All"),
    QCoreApplication.translate("QPlatformTheme", "N&o to All"),
    QCoreApplication.translate("QPlatformTheme", "Abort"),
    QCoreApplication.translate("QPlatformTheme", "Retry"),
    QCoreApplication.translate("QPlatformTheme", "Ignore"),
    QCoreApplication.translate("QPlatformTheme", "Restore Defaults"),
    QCoreApplication.translate("QPlatformTheme", "Save All"),
    QCoreApplication.translate("QMessageBox", "Show Details..."),
    QCoreApplication.translate("QMessageBox", "Hide Details..."),
)


def qm_path(lang: str, qm_dir: Path | None = None) -> Path:
    return (qm_dir or QM_DIR) / f"{CATALOGUE}_{lang}.qm"


def locale_for(lang: str) -> QLocale:
    """Dates and numbers: Indonesian format for Indonesian (and the pseudo-locale)."""
    return QLocale("en_GB") if lang == "en" else QLocale("id_ID")


def data_language(lang: str) -> str:
    """The language of labels from the core (``FieldSpec.label``): id or en."""
    return "en" if lang == "en" else "id"


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


# Things a stretched string must keep intact: markup, {0}-style and %1-style placeholders,
# and the letter after a mnemonic "&".
_KEEP = re.compile(r"<[^>]*>|\{[^}]*\}|%[0-9nL]+|&\w|&&")
_WORD = re.compile(r"[^\W\d_]+")


def _stretch_word(word: str, factor: float) -> str:
    extra = math.ceil(len(word) * (factor - 1))
    if not extra:
        return word
    # Repeat letters spread across the word, so wrapping and eliding behave like a real,
    # longer word rather than a word with a tail.
    step = len(word) / extra
    picks = {min(len(word) - 1, int(i * step)) for i in range(extra)}
    out = []
    for i, ch in enumerate(word):
        out.append(ch)
        if i in picks:
            out.append(ch.lower())
    text = "".join(out)
    short = len(word) + extra - len(text)
    return text + word[-1].lower() * short


def stretch(text: str, factor: float = STRETCH) -> str:
    """``text`` with every word made ``factor`` times longer, placeholders kept intact."""
    def words(part: str) -> str:
        return _WORD.sub(lambda m: _stretch_word(m.group(), factor), part)

    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(words(text[last:match.start()]))
        pieces.append(match.group())
        last = match.end()
    pieces.append(words(text[last:]))
    return "".join(pieces)


class PseudoTranslator(QTranslator):
    """Every string stretched by 40 %: Indonesian runs longer than English, and later
    translations may run longer still; a layout that survives this survives them."""

    def __init__(self, parent: QObject | None = None, factor: float = STRETCH):
        super().__init__(parent)
        self.factor = factor

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # noqa: ARG002 — Qt's signature
        return stretch(source, self.factor) if source else source

    def isEmpty(self) -> bool:  # noqa: N802 — Qt's name
        return False


class Translations(QObject):
    """Owns the installed translator; :meth:`apply` switches language for the whole app."""

    def __init__(self, app: QCoreApplication, *, qm_dir: Path | None = None,
                 parent: QObject | None = None):
        # Owned by the app, never by Python's garbage collector: destroying a QTranslator takes
        # Qt's translation lock, and a collection can run inside a translate() call, which holds
        # it already (seen as a deadlock with the pseudo-locale's Python translate()).
        super().__init__(parent or app)
        self.app = app
        self.qm_dir = qm_dir or QM_DIR
        self.lang = ""
        self._translator: QTranslator | None = None

    def _remove(self) -> None:
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
            self._translator.deleteLater()  # from the event loop, outside any translate()
            self._translator = None

    def reset(self) -> None:
        """Remove the installed translator: the Indonesian source strings show."""
        self._remove()
        self.lang = ""
        QLocale.setDefault(locale_for(DEFAULT_LANGUAGE))

    def apply(self, lang: str) -> bool:
        """Make ``lang`` the UI language (``id``, ``en`` or the pseudo-locale ``xx``).

        Returns False when the catalogue is missing (the UI then shows the Indonesian source
        strings, and a log line says to run scripts/build_translations.py).
        """
        if lang not in LANGUAGES and lang != PSEUDO:
            raise ValueError(f"unknown language {lang!r}")
        self._remove()
        ok = True
        translator: QTranslator
        if lang == PSEUDO:
            translator = PseudoTranslator(self)
        else:
            translator = QTranslator(self)
            path = qm_path(lang, self.qm_dir)
            # Reading a few kilobytes once per switch; done where Qt needs it installed.
            ok = translator.load(str(path))
            if not ok:
                log.warning("translation catalogue %s missing: run scripts/build_translations.py",
                            path.name)
        if ok:
            self.app.installTranslator(translator)  # Qt sends LanguageChange to every widget
            self._translator = translator
        else:
            translator.deleteLater()
            # Still announce the change so screens switch e.g. to Indonesian labels of the core.
            QCoreApplication.sendEvent(self.app, QEvent(QEvent.Type.LanguageChange))
        self.lang = lang
        QLocale.setDefault(locale_for(lang))
        return ok
