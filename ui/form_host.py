"""The open forms of the main window: shown in the page area and listed under "Sedang diisi",
one per record; kept across a lock for the same user, saved as the previous user's drafts and
closed when another user signs in; and rebuilt from drafts after signing in.

A mixin of :class:`ui.main_window.MainWindow` (which owns the widgets named below and every
visible string: PySide looks translations up by the instance's class).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from ui.context import AppContext
from ui.drafts_banner import DraftBanner, parse_form_key

__all__ = ["FormFactory", "FormHostMixin"]

log = logging.getLogger(__name__)

#: builds a form (a QWidget with the forms' contract of /ui_contract: form_key, to_draft(), …)
FormFactory = Callable[[AppContext, "str | None"], Any]


class FormHostMixin:
    ctx: AppContext
    forms: list[Any]  # QWidgets with the forms' contract (duck-typed, as Qt signals are)
    form_factories: dict[str, FormFactory]
    pages: QStackedWidget
    page_widgets: dict[str, QWidget]
    open_list: QListWidget
    open_title: QLabel
    nav_group: QButtonGroup
    banner: DraftBanner
    locked: bool
    _return_to: QWidget | None

    def show_page(self, key: str) -> None:
        raise NotImplementedError

    def _form_title(self, form: Any) -> str:
        raise NotImplementedError

    def _make_form(self, record_type: str, record_id: str | None) -> Any:
        raise NotImplementedError

    def open_form(self, form: Any) -> None:
        """Show a form in the page area (kept open until it emits ``closed``)."""
        if form not in self.forms:
            if self.pages.currentWidget() not in self.forms:
                self._return_to = self.pages.currentWidget()
            self.forms.append(form)
            self.pages.addWidget(form)
            form.closed.connect(lambda f=form: self.close_form(f))
            if hasattr(form, "saved"):
                form.saved.connect(lambda _changes, f=form: self._retitle(f))
            # Once loaded its title names the record ("Kasus RT007-…"): so does its entry,
            # also on a laptop that only reads and never saves.
            form.windowTitleChanged.connect(lambda _title, f=form: self._retitle(f))
            item = QListWidgetItem(self._form_title(form))
            item.setData(Qt.ItemDataRole.UserRole, form)
            self.open_list.addItem(item)
            self._show_open_list()
        self._select_form(form)

    def _select_form(self, form: Any) -> None:
        checked = self.nav_group.checkedButton()
        if checked is not None:  # no nav item stands for a form
            self.nav_group.setExclusive(False)
            checked.setChecked(False)
            self.nav_group.setExclusive(True)
        for row in range(self.open_list.count()):
            if self.open_list.item(row).data(Qt.ItemDataRole.UserRole) is form:
                self.open_list.setCurrentRow(row)
        self.pages.setCurrentWidget(form)
        form.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_list_clicked(self, item: QListWidgetItem) -> None:
        form = item.data(Qt.ItemDataRole.UserRole)
        if form in self.forms:
            self._select_form(form)

    def _retitle(self, form: Any) -> None:
        for row in range(self.open_list.count()):
            item = self.open_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is form:
                item.setText(self._form_title(form))

    def close_form(self, form: Any) -> None:
        if form not in self.forms:
            return
        was_current = self.pages.currentWidget() is form
        self._drop_form(form)
        if was_current and not self.locked:
            back = self._return_to if self._return_to in self.page_widgets.values() else None
            key = next((k for k, w in self.page_widgets.items() if w is back), "home")
            self.show_page(key)

    def _drop_form(self, form: Any) -> None:
        self.forms.remove(form)
        for row in range(self.open_list.count()):
            if self.open_list.item(row).data(Qt.ItemDataRole.UserRole) is form:
                self.open_list.takeItem(row)
                break
        self._show_open_list()
        # Its own timers (a pending draft save) must not fire for whoever signs in next.
        for timer in form.findChildren(QTimer):
            timer.stop()
        self.pages.removeWidget(form)
        form.hide()
        form.deleteLater()

    def _show_open_list(self) -> None:
        self.open_title.setVisible(bool(self.forms))
        self.open_list.setVisible(bool(self.forms))

    def open_forms(self) -> list[QWidget]:
        return list(self.forms)

    def new_record(self, record_type: str) -> None:
        form = self._make_form(record_type, None)
        if form is not None:
            self.open_form(form)

    def open_record(self, record_type: str, record_id: str) -> None:
        key = f"{record_type}:{record_id}"
        for form in self.forms:
            if getattr(form, "form_key", None) == key:
                self._select_form(form)
                return
        form = self._make_form(record_type, record_id)
        if form is not None:
            self.open_form(form)

    # --- drafts --------------------------------------------------------------------------------

    def _offer_drafts(self) -> None:
        user_id = self.ctx.user_id
        open_keys = {getattr(f, "form_key", None) for f in self.forms}

        def got(drafts: list[dict[str, Any]]) -> None:
            if self.ctx.user_id != user_id or self.locked:
                return  # someone else signed in meanwhile
            self.banner.offer([d for d in drafts if d["form_key"] not in open_keys
                               and parse_form_key(d["form_key"])[0] in self.form_factories])

        self.ctx.run_db(lambda store: store.drafts(user_id), success=got)

    def restore_drafts(self, drafts: list[dict[str, Any]]) -> None:
        for draft in drafts:
            record_type, record_id = parse_form_key(draft["form_key"])
            form = self._make_form(record_type, record_id)
            if form is None:
                continue
            # Keep the draft's key, so the form's next save replaces this draft, not a copy.
            try:
                form.form_key = draft["form_key"]
            except AttributeError:
                log.warning("form %s does not take a form_key", type(form).__name__)
            form.restore_draft(draft["content"])
            self.open_form(form)

    def _discard_drafts(self, drafts: list[dict[str, Any]]) -> None:
        user_id = self.ctx.user_id
        keys = [d["form_key"] for d in drafts]

        def delete(store: Any) -> None:
            for key in keys:
                store.delete_draft(user_id, key)

        self.ctx.run_db(delete)

    def _stash_forms(self, user_id: str) -> None:
        """Save each open form as ``user_id``'s draft, then close it (another user signs in)."""
        for form in list(self.forms):
            self.keep_draft(form, user_id)
            self._drop_form(form)
        self._return_to = None

    def keep_draft(self, form: Any, user_id: str) -> None:
        """Queue ``form``'s content as ``user_id``'s draft (nothing if nothing is unsaved)."""
        if not form.has_unsaved_changes():
            return
        key: str = form.form_key
        content: dict[str, Any] = form.to_draft()

        def save(store: Any) -> None:
            store.save_draft(user_id, key, content)

        self.ctx.run_db(save)
