"""Child process of the draft crash test (tests/ui/test_ui_forms_draft.py).

Opens a new Kasus form on a real encrypted store, types into it like a volunteer would, and
prints ``DRAFT-SAVED <form_key>`` once the form's draft is in the database. It then keeps
running until the test kills it with SIGKILL — a crash or power cut in the middle of work.

Usage: python draft_child.py DATA_DIR USER PASSWORD
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

VICTIM = "Melati (nama samaran)"
CHRONOLOGY = "Ditemukan menangis di pos ronda pukul 21.00"


def main(data_dir: str, user: str, password: str) -> int:
    app = QApplication(sys.argv[:1])
    from rt_desktop import access
    from ui.context import AppContext
    from ui.forms.incident_form import IncidentForm

    ctx = AppContext(Path(data_dir))
    ctx.unlocked = access.unlock(Path(data_dir), user, password)
    form = IncidentForm(ctx)
    form.show()
    form.activateWindow()
    form.draft_saved.connect(lambda: print(f"DRAFT-SAVED {form.form_key}", flush=True))
    fields = form.fields
    QTest.keyClicks(fields["victim_name"].editor, VICTIM)
    QTest.keyClicks(fields["chronology"].editor, CHRONOLOGY)
    combo = fields["risk_level"].editor
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_End)  # "Darurat", the last risk level
    form.referrals.add_referral().fields["destination"].set_value("uptd_ppa")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
