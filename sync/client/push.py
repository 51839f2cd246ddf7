"""Push phase: the outbox, oldest first, in batches of at most 500; an answer per change. A
save — a case with its referrals — travels in one batch (the server checks its changes
together: :func:`rt_desktop.store.sync_apply.outgoing_changes`).

Nothing local is deleted before the server acknowledged it: an outbox row goes only with an
``applied``/``merged``/``duplicate`` answer
(:func:`rt_desktop.store.sync_apply.apply_push_results`).
A batch that gets no answer (server gone, 5xx, timeout, connection dropped after the server
committed) stays queued with its attempt counted; sending it again is safe, because the server
answers a change it has seen with the same answer and never makes a second record.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from pydantic import ValidationError

from rt_desktop.store import sync_apply
from rt_desktop.store.store import Store
from sync import protocol
from sync.client.backoff import BackoffPolicy
from sync.client.errors import SyncError
from sync.client.http import Connection

__all__ = ["DbRunner", "PushStats", "direct", "push_changes"]

T = TypeVar("T")
#: Runs a function of the store where the store may be used (the app's database worker).
DbRunner = Callable[[Callable[[Store], Any]], Any]


def direct(store: Store) -> DbRunner:
    return lambda fn: fn(store)


@dataclass
class PushStats:
    sent: int = 0
    acknowledged: int = 0
    merged: int = 0
    rejected: int = 0
    batches: int = 0
    #: per batch, the lowest and highest seq of its answers for records now on the server
    #: exactly as sent (:attr:`rt_desktop.store.sync_apply.PushOutcome.own`): the pull after
    #: it leaves them out
    own: list[tuple[int, int]] = field(default_factory=list)


_TOO_LARGE = {"status": "rejected", "rev": 0, "problems": [], "attention": [],
              "reason": "Perubahan ini terlalu besar untuk dikirim (batas ukuran server)."}


def _settle(future: Future[Any] | None) -> None:
    """Wait for a request nobody will use (one request at a time on the session)."""
    if future is not None:
        with contextlib.suppress(BaseException):
            future.result()


def push_changes(conn: Connection, db: DbRunner, *, policy: BackoffPolicy,
                 batch_size: int = protocol.MAX_PUSH_CHANGES,
                 cancel: threading.Event | None = None) -> PushStats:
    """Send every pending change once, oldest first.

    Pipelined, in strict order: a batch is sent only after the previous one was answered, but
    while it is on its way the previous batch's answers are applied locally and the next
    batch is read from the outbox. Nothing is removed before its answer came back.

    :raises SyncError: when a batch gets no answer; its changes stay queued (the engine counts
        the attempt on every change still waiting)
    """
    stats = PushStats()
    after = 0
    size = full = min(batch_size, protocol.MAX_PUSH_CHANGES)

    def retry_at(attempts: int) -> str:
        return sync_apply.retry_time(policy.delay(attempts))

    # A batch may grow to this many changes to keep the save of a case with its referrals
    # whole: as many as one push may carry, and after a 413 fewer than were refused.
    grow_to = protocol.MAX_PUSH_CHANGES
    # The fewest changes in a batch refused as too large (413) since the last change refused
    # alone: batches stay at half of it at most.
    refused: int | None = None

    def read(after_seq: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = db(partial(
            sync_apply.outgoing_changes, limit=size, after_seq=after_seq,
            whole_cases=grow_to))
        return rows

    def apply(sent: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
        outcome = db(partial(sync_apply.apply_push_results, sent=sent, results=results,
                             retry_at=retry_at))
        stats.batches += 1
        stats.sent += len(sent)
        stats.acknowledged += outcome.acknowledged
        stats.merged += outcome.merged
        stats.rejected += outcome.rejected
        if outcome.own is not None:
            stats.own.append(outcome.own)

    # Answered by the server, not yet applied locally.
    answered: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rt-sync-push") as sender:
        batch = read(after) if not (cancel and cancel.is_set()) else []
        while batch and not (cancel and cancel.is_set()):
            body = {"changes": [{k: v for k, v in c.items() if k != "seq"} for c in batch]}
            future = sender.submit(conn.post, "/push", body)
            try:
                if answered is not None:
                    apply(*answered)
                    answered = None
                ahead = read(batch[-1]["seq"])
            except BaseException:
                _settle(future)
                raise
            try:
                answer = protocol.PushResponse.model_validate(future.result())
            except SyncError as exc:
                if exc.status == 413 and len(batch) > 1:
                    # Halve until it fits. Every next batch is smaller than the refused one
                    # (a case's save too large together goes apart in the end).
                    refused = min(refused or len(batch), len(batch))
                    size, grow_to = max(1, len(batch) // 2), len(batch) - 1
                    batch = read(after)
                    continue
                if exc.status == 413:
                    results = [{**_TOO_LARGE, "change_id": batch[0]["change_id"]}]
                    outcome = db(partial(sync_apply.apply_push_results, sent=batch,
                                         results=results))
                    stats.rejected += outcome.rejected
                    after = batch[-1]["seq"]
                    # That one change may have been all that did not fit: the batches grow
                    # again (doubling while they fit), not one change a request for the rest.
                    refused, size, grow_to = None, min(full, 2), protocol.MAX_PUSH_CHANGES
                    batch = read(after)
                    continue
                raise
            except ValidationError as exc:
                raise SyncError("protocol", "Jawaban server atas pengiriman tidak dikenali.",
                                "The server's push answer was not understood.") from exc
            answered = (batch, [r.model_dump() for r in answer.results])
            after = batch[-1]["seq"]
            if size < full:
                grown = min(full, size * 2, refused // 2 if refused else full)
                if grown > size:  # the batch read ahead was of the old size: read it again
                    size = grown
                    ahead = read(after)
            batch = ahead
        if answered is not None:
            apply(*answered)
    return stats
