"""A tiny HTTP relay on a loopback port that sits between a device and the real server and
breaks chosen requests the way networks and servers break (all on this machine):

- ``drop``: forward the request, let the server commit and answer, then close the connection
  without passing the answer on (the device never learns the outcome);
- ``status``: answer with an error itself (500, or 503 with ``Retry-After``) — the server never
  sees the request;
- ``stall``: accept the request and say nothing for ``seconds`` (the device's read timeout
  fires), then close;
- ``delay``: forward normally, but ``seconds`` later (to slow a client down so a test can kill
  it at a chosen moment).
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "content-length"}


@dataclass
class Fault:
    path: str           # prefix of the request path, e.g. "/api/v1/push"
    action: str         # drop | status | stall | delay
    times: int = 1      # how many matching requests (-1: every one)
    status: int = 500
    retry_after: int | None = None
    seconds: float = 0.0


class FaultProxy:
    def __init__(self, upstream: str):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str, str]] = []  # (method, path, what happened)
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in separate writes: without this, Nagle's algorithm
                # and the client's delayed ACK add 40 ms to every answer.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                proxy._handle(self)

            do_POST = do_GET

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def inject(self, path: str, action: str, **kwargs: object) -> None:
        with self._lock:
            self.faults.append(Fault(path, action, **kwargs))  # type: ignore[arg-type]

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if path.startswith(fault.path) and fault.times != 0:
                    if fault.times > 0:
                        fault.times -= 1
                    return fault
        return None

    def _note(self, handler: BaseHTTPRequestHandler, what: str) -> None:
        with self._lock:
            self.log.append((handler.command, handler.path, what))

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        fault = self._take(handler.path)
        if fault is not None and fault.action == "status":
            self._note(handler, f"status {fault.status}")
            payload = json.dumps({"detail": "injected failure"}).encode()
            handler.send_response(fault.status)
            if fault.retry_after is not None:
                handler.send_header("Retry-After", str(fault.retry_after))
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        if fault is not None and fault.action == "stall":
            self._note(handler, "stall")
            time.sleep(fault.seconds)
            self._abort(handler)
            return
        if fault is not None and fault.action == "delay":
            time.sleep(fault.seconds)
        conn = http.client.HTTPConnection(*self.upstream, timeout=120)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        try:
            conn.request(handler.command, handler.path, body=body or None, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        except OSError:  # the server is down (killed): the device sees a dead connection
            self._note(handler, "upstream down")
            self._abort(handler)
            return
        finally:
            conn.close()
        if fault is not None and fault.action == "drop":
            # The server has committed and answered; the device never hears of it.
            self._note(handler, f"dropped {response.status}")
            self._abort(handler)
            return
        self._note(handler, str(response.status))
        handler.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in _HOP:
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    @staticmethod
    def _abort(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
