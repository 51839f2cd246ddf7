"""Masking of sensitive fields (a mixin of :class:`ui.forms.base.RecordForm`).

A stored sensitive value reaches a widget only through "Tampilkan" (``Store.reveal``, which
audits it). :meth:`MaskingMixin.mask_sensitive` hides everything again; what was typed but not
saved is kept aside (not in a widget) and comes back with "Tampilkan"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from rt_desktop.store.store import Store
from ui.forms.support import same

if TYPE_CHECKING:
    pass

__all__ = ["MaskingMixin"]


class MaskingMixin:
    # --- masking ------------------------------------------------------------------------------

    def masked_fields(self) -> list[str]:
        return [n for n, e in self.fields.items() if e.masked]

    def mask_sensitive(self) -> None:
        """Hide every sensitive value again (the app locked, or another user comes)."""
        for name in self._sensitive & set(self.fields):
            editor = self.fields[name]
            if editor.masked:
                continue
            value = self.field_value(name)
            if name not in self._baseline or not same(value, self._baseline[name]):
                self._stash[name] = value
            if self.record_id is not None:
                self._baseline.pop(name, None)
            editor.set_masked(True)
        self.mask_extra()
        self.retranslate()

    def reveal(self) -> None:
        """"Tampilkan": fetch the masked stored values (audited) and show them."""
        if self._busy:
            return
        cls, record_id, user = self.RECORD_CLASS, self.record_id, self._user_name
        fetch = [n for n in self.masked_fields() if n not in self._stash] if record_id else []
        extra = self.reveal_extra()

        def work(store: Store) -> tuple[dict[str, Any], Any]:
            values = store.reveal(cls, record_id, fetch, user=user) if fetch and record_id else {}
            return values, extra(store) if extra else None

        self._set_busy(True, self.tr("Membuka data rahasia…"))
        self.ctx.run_db(work, success=self._revealed, failure=self._save_failed)

    def _revealed(self, result: tuple[dict[str, Any], Any]) -> None:
        if not isValid(self):
            return
        values, extra = result
        self._set_busy(False, "")

        def fill() -> None:
            for name in self.masked_fields():
                editor = self.fields[name]
                editor.set_masked(False)
                if name in values:
                    editor.set_value(values[name])
                    self._baseline[name] = editor.value()
                elif name in self._baseline:
                    editor.set_value(self._baseline[name])
                if name in self._stash:
                    editor.set_value(self._stash.pop(name))
            self.update_dependents()
        self.quietly(fill)
        self.apply_revealed_extra(extra)
        self.retranslate()
        self._validate()
