"""Drafts of a record form (a mixin of :class:`ui.forms.base.RecordForm`): the content is saved
about a second after the last change, per user, inside the encrypted database, and deleted on
saving or on closing without saving. A draft may hold sensitive text; it is never logged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from rt_desktop.records import field_specs
from ui.forms.fields import from_json, to_json

if TYPE_CHECKING:
    pass

__all__ = ["DraftsMixin"]


class DraftsMixin:
    # --- drafts -------------------------------------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        """Everything typed (saved or not) as JSON-able content."""
        specs = field_specs(self.RECORD_CLASS)
        values = self.changed_values() if self.record_id else {
            **self.visible_values(), **self._stash}
        return {"form_key": self.form_key, "record_type": self.record_type,
                "record_id": self.record_id,
                "fields": {n: to_json(specs[n], v) for n, v in values.items()},
                **self.draft_extra()}

    def restore_draft(self, content: dict[str, Any]) -> None:
        """Put a draft's content back (after the stored record is loaded, if there is one)."""
        if self._loading:
            self._pending_draft = content
            return
        def fill() -> None:
            for name, raw in (content.get("fields") or {}).items():
                editor = self.fields.get(name)
                if editor is None:
                    continue
                # This user's own typing, not a stored value: shown without a reveal.
                editor.set_masked(False)
                self._stash.pop(name, None)
                editor.set_value(from_json(editor.spec, raw))
                self._touched.add(name)
            self.restore_extra(content)
            self.update_dependents()
        self.quietly(fill)
        key = content.get("form_key")
        if self.record_id is None and isinstance(key, str) and key.startswith(
                f"{self.record_type}:new:"):
            self.form_key = key  # keep writing (and finally deleting) the same draft
        self.retranslate()
        self._validate()

    def _write_draft(self) -> None:
        if not isValid(self) or self._loading:
            return
        user_id, key = self._user_id, self.form_key
        if not self.has_unsaved_changes():
            self.ctx.run_db(lambda s: s.delete_draft(user_id, key), failure=lambda _: None)
            return
        content = self.to_draft()
        self.ctx.run_db(lambda s: s.save_draft(user_id, key, content),
                        success=lambda _: isValid(self) and self.draft_saved.emit(),
                        failure=lambda exc: isValid(self) and self.notice.setText(
                            self.tr("Isian sementara tidak dapat disimpan: {0}").format(
                                self._error_text(exc))))

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        user_id, key = self._user_id, self.form_key
        self.ctx.run_db(lambda s: s.delete_draft(user_id, key), failure=lambda _: None)
