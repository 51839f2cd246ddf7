"""Loading, saving, deleting and closing a record form (a mixin of
:class:`ui.forms.base.RecordForm`). All database work goes through the context's worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from rt_desktop.errors import ValidationFailed
from rt_desktop.records import Record
from rt_desktop.store.store import Change, Store
from ui.forms.field_base import MASK
from ui.forms.support import ChangedElsewhere, not_found, same, stripped, sync_state_of
from ui.i18n import data_language
from ui.sync.texts import value_text

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

    # --- what a sync brought in while the form was open ----------------------------------------

    def _data_changed(self, changes: list[Change]) -> None:
        """After a sync (the shell says it with an empty list; a save here names its changes):
        if this record changed meanwhile, show what came in."""
        if changes or self.record_id is None or self._loading or self._busy:
            return
        cls, record_id, rev = self.RECORD_CLASS, self.record_id, self._loaded.rev
        extra, shown = self.load_extra, {n: v for n, v in self._baseline.items()
                                         if n in self._sensitive}

        def work(store: Store) -> tuple[Record, str | None, Any, bool] | None:
            record = store.get(cls, record_id)
            if record is None or record.rev == rev:
                return None
            # Whether a sensitive value shown here changed (the values stay on this thread).
            moved = any(not same(getattr(record, n), v) for n, v in shown.items())
            return (stripped(record), sync_state_of(store, cls, record_id), extra(store, record),
                    moved)

        self.ctx.run_db(work, success=self._refreshed, failure=lambda _exc: None)

    def _refreshed(self, result: tuple[Record, str | None, Any, bool] | None) -> None:
        """Fields nobody is changing here take the new values; a field being changed keeps what
        was typed (a save then says another laptop changed it, see ``build_record``); a
        sensitive value shown that changed is hidden again rather than left showing the old
        one."""
        if result is None or not isValid(self) or self._busy:
            return
        record, state, extra, sensitive_moved = result
        came: list[str] = []

        def fill() -> None:
            for name, editor in self.fields.items():
                if name in self._sensitive:
                    continue
                new = getattr(record, name)
                if same(new, getattr(self._loaded, name)):
                    continue
                if name in self._baseline and same(self.field_value(name), self._baseline[name]):
                    editor.set_value(new)
                    self._baseline[name] = self.field_value(name)
                came.append(name)
        self.quietly(fill)
        self._loaded = record
        if sensitive_moved:
            self.mask_sensitive()
        self.quietly(self.update_dependents)
        self.sync_badge.set_state(state)
        self.apply_extra(extra)
        self.retranslate()
        self._validate()
        if came or sensitive_moved:
            self.notice.setText(self.tr("Data ini baru diperbarui dari laptop lain."))

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
        if isinstance(exc, ChangedElsewhere):
            self._changed_elsewhere(exc.stored)
        elif isinstance(exc, ValidationFailed):
            self._show_all = True
            self._show_problems(list(exc.problems))
            self.notice.setText(self.tr("Belum tersimpan: periksa isian yang diberi keterangan "
                                        "merah."))
            self._focus_first_problem()
        else:
            self.notice.setText(self._error_text(exc))

    def _changed_elsewhere(self, stored: dict[str, Any]) -> None:
        """Nothing was saved: say which fields another laptop changed and to what (the typed
        values stay in the form), and take the stored values as the new starting point, so a
        second "Simpan" is the volunteer's informed choice."""
        lang = data_language(self.ctx.lang)
        lines = []
        for name, value in stored.items():
            self._baseline[name] = value
            spec = self.fields[name].spec
            shown = MASK if name in self._sensitive else (value_text(
                self.RECORD_CLASS, name, value, self.ctx.lang))
            lines.append(f"{spec.label(lang)}: {shown}")
        self.notice.setText(self.tr(
            "Belum tersimpan: sementara formulir ini terbuka, isian berikut diubah di laptop lain "
            "dan sudah terkirim ke laptop ini — {0}. Isian Anda masih di formulir; periksa atau "
            "gabungkan, lalu tekan Simpan lagi.").format("; ".join(lines)))
        self._load(refresh_only=True)

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
