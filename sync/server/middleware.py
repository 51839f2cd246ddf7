"""ASGI middleware: request body limit with gzip request bodies, and an error shield that keeps
personal data out of the server's log.

- :class:`BodyLimit` reads the body (at most ``max_bytes``), undoes ``Content-Encoding: gzip``
  (the result limited to ``max_bytes`` too, so a small "zip bomb" cannot blow up), and answers
  413 past the limit, 400 for a broken gzip stream and 415 for another encoding.
- :class:`ErrorShield` turns an unexpected exception into a plain 500 and logs only the
  exception's type and where it happened — never its message, which may quote a field value.
"""

from __future__ import annotations

import json
import logging
import traceback
import zlib
from typing import Any

__all__ = ["BodyLimit", "ErrorShield"]

log = logging.getLogger("rt_server.error")
Scope = dict[str, Any]


async def _send_json(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: Any, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope["headers"]}
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await _send_json(send, 413, f"request body over {self.max_bytes} bytes")
            return
        encoding = headers.get(b"content-encoding", b"identity").strip().lower()
        if encoding not in (b"identity", b"gzip", b""):
            await _send_json(send, 415, "only gzip request bodies are accepted")
            return
        try:
            body = await self._read(receive)
            if encoding == b"gzip":
                body = self._gunzip(body)
        except _TooLarge:
            await _send_json(send, 413, f"request body over {self.max_bytes} bytes")
            return
        except zlib.error:
            await _send_json(send, 400, "the gzip request body is damaged")
            return
        new_headers = [(k, v) for k, v in scope["headers"]
                       if k.lower() not in (b"content-encoding", b"content-length")]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return await receive()  # the disconnect, when the client goes
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": new_headers}, replay, send)

    async def _read(self, receive: Any) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _gunzip(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        out = inflater.decompress(data, self.max_bytes + 1)
        if len(out) > self.max_bytes or inflater.unconsumed_tail:
            raise _TooLarge
        out += inflater.flush()
        if len(out) > self.max_bytes:
            raise _TooLarge
        if not inflater.eof:
            raise zlib.error("truncated gzip stream")
        return out


class ErrorShield:
    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            frames = traceback.extract_tb(exc.__traceback__)[-4:]
            where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}"
                                for f in reversed(frames))
            # The type and the place, never str(exc): a message may quote a field value.
            log.error("unhandled %s on %s %s at %s", type(exc).__name__, scope.get("method"),
                      scope.get("path"), where)
            if not started:
                await _send_json(send, 500, "internal server error")
