"""Loading, saving, deleting and closing a record form (a mixin of
:class:`ui.forms.base.RecordForm`). All database work goes through the context's worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from rt_desktop.errors import ValidationFailed
from rt_desktop.records import Record
from rt_desktop.store.store import Change, Store
from ui.forms.support import not_found, stripped, sync_state_of

if TYPE_CHECKING:
    pass

__all__ = ["PersistenceMixin"]


class PersistenceMixin:
    # --- loading ------------------------------------------------------------------------------

    def _load(self, *, refresh_only: bool = False) -> None:
        cls, record_id, extra = self.RECORD_CLASS, self.record_id, self.load_extra
        assert record_id is not None

        def work(store: Store) -> tuple[Record, str | None, Any]:
            record = store.get(cls, record_id)
            if record is None:
                raise not_found()
            return stripped(record), sync_state_of(store, cls, record_id), extra(store, record)

        if not refresh_only:
            self._set_busy(True, self.tr("Membuka data…"))
        self.ctx.run_db(work, success=lambda r: self._loaded_ok(r, refresh_only),
                        failure=self._load_failed)

    def _loaded_ok(self, result: tuple[Record, str | None, Any], refresh_only: bool) -> None:
        if not isValid(self):
            return
        record, state, extra = result
        self._loaded = record
        self.sync_badge.set_state(state)
        if not refresh_only:
            def fill() -> None:
                for name, editor in self.fields.items():
                    if name in self._sensitive:
                        editor.set_masked(True)
                    else:
                        editor.set_value(getattr(record, name))
            self.quietly(fill)
            self.quietly(self.update_dependents)
            self._baseline = self.visible_values()
        self.apply_extra(extra)
        self._loading = False
        if not refresh_only:
            self._set_busy(False, "")
        self.retranslate()
        if self._pending_draft is not None:
            content, self._pending_draft = self._pending_draft, None
            self.restore_draft(content)
        self._validate()
        if not refresh_only:
            self.ready.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self.save_button.setEnabled(False)
        self.notice.setText(self._error_text(exc))

    # --- saving and deleting ------------------------------------------------------------------

    def save(self) -> None:
        if self._busy or self._loading:
            return
        self.confirm_bar.hide()
        self._show_all = True
        if self._validate():
            self.notice.setText(self.tr("Belum tersimpan: periksa isian yang diberi keterangan "
                                        "merah."))
            self._focus_first_problem()
            return
        values = self.changed_values()
        if self.record_id is not None and not values and not self.extra_unsaved():
            self.notice.setText(self.tr("Tidak ada perubahan untuk disimpan."))
            self.discard_draft()
            return
        self._draft_timer.stop()
        self._set_busy(True, self.tr("Menyimpan…"))
        self.ctx.write(self.save_call(self.record_id, values), success=self._save_done,
                       failure=self._save_failed)

    def _save_done(self, changes: list[Change]) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        if self.record_id is None:
            created = next(c for c in changes if c.record_type == self.record_type)
            self.discard_draft()
            self.record_id = created.record_id
            self.form_key = f"{self.record_type}:{self.record_id}"
        else:
            self.discard_draft()
        # What the widgets show is now what is stored; a masked field's pending text was sent.
        self._baseline = self.visible_values()
        self._stash.clear()
        self._touched.clear()
        self._show_all = False
        self.after_save()
        self.notice.setText(self.tr("Tersimpan."))
        self.retranslate()
        self._validate()
        self._load(refresh_only=True)
        self.saved.emit(changes)

    def _save_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            self._show_all = True
            self._show_problems(list(exc.problems))
            self.notice.setText(self.tr("Belum tersimpan: periksa isian yang diberi keterangan "
                                        "merah."))
            self._focus_first_problem()
        else:
            self.notice.setText(self._error_text(exc))

    def request_delete(self) -> None:
        if self.record_id is None or self._busy:
            return
        self.confirm_bar.ask(
            self.tr("Hapus data ini? Data yang dihapus hilang dari daftar, dan penghapusannya "
                    "ikut dikirim ke kota."),
            self.tr("Ya, hapus"), self.tr("Batal"), self._delete)

    def _delete(self) -> None:
        cls, record_id, user = self.RECORD_CLASS, self.record_id, self._user_name
        assert record_id is not None
        self._draft_timer.stop()
        self._set_busy(True, self.tr("Menghapus…"))
        self.ctx.write(lambda s: s.delete(cls, record_id, user=user),
                       success=self._deleted, failure=self._save_failed)

    def _deleted(self, changes: list[Change]) -> None:
        if not isValid(self):
            return
        self._set_busy(False, "")
        self.discard_draft()
        self.saved.emit(changes)
        self.closed.emit()

    def _focus_first_problem(self) -> None:
        for editor in self.fields.values():
            if editor.messages():
                editor.focus_widget().setFocus()
                self.scroll.ensureWidgetVisible(editor)
                return

    # --- closing --------------------------------------------------------------------------------

    def request_close(self) -> None:
        """Esc or "Tutup": close, asking first (inside the form) if something is unsaved."""
        if self.confirm_bar.isVisible():
            self.confirm_bar.hide()
            return
        if self.has_unsaved_changes():
            self.confirm_bar.ask(
                self.tr("Ada isian yang belum disimpan. Tutup tanpa menyimpan?"),
                self.tr("Tutup tanpa menyimpan"), self.tr("Kembali mengisi"),
                self._close_without_saving)
        else:
            self._close_without_saving()

    def _close_without_saving(self) -> None:
        self.discard_draft()
        self.closed.emit()
