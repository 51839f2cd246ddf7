"""Drafts: the content of an open form, saved continuously, per local user (DESIGN.md §4).

A draft may hold sensitive text; it lives inside the encrypted file and is never logged. A user
only ever gets their own drafts back.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from rt_desktop.ids import utc_now_iso

__all__ = ["delete_draft", "list_drafts", "load_draft", "save_draft"]


def save_draft(db: sqlite_utils.Database, user_id: str, form_key: str,
               content: dict[str, Any]) -> None:
    """Store (or replace) a draft. Call inside a ``db.atomic()``.

    :raises TypeError: if ``content`` is not JSON-serialisable
    """
    db.table("drafts").upsert({
        "user_id": user_id, "form_key": form_key,
        "content": json.dumps(content, ensure_ascii=False, default=_json_default),
        "updated_at": utc_now_iso(),
    }, pk=("user_id", "form_key"))


def load_draft(db: sqlite_utils.Database, user_id: str, form_key: str) -> dict[str, Any] | None:
    row = db.execute("SELECT content FROM drafts WHERE user_id = ? AND form_key = ?",
                     [user_id, form_key]).fetchone()
    return json.loads(row[0]) if row else None


def list_drafts(db: sqlite_utils.Database, user_id: str) -> list[dict[str, Any]]:
    """The user's drafts, newest first: ``form_key``, ``updated_at``, ``content`` (a dict)."""
    return [{"form_key": row["form_key"], "updated_at": row["updated_at"],
             "content": json.loads(row["content"])}
            for row in db.table("drafts").rows_where("user_id = ?", [user_id],
                                               order_by="updated_at DESC")]


def delete_draft(db: sqlite_utils.Database, user_id: str, form_key: str) -> None:
    """Remove a draft (nothing happens if there is none). Call inside a ``db.atomic()``."""
    db.table("drafts").delete_where("user_id = ? AND form_key = ?", [user_id, form_key])


def _json_default(value: Any) -> Any:
    # Forms hold dates and times; a draft keeps them as ISO text.
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot keep a {type(value).__name__} in a draft")
