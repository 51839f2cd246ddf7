"""What the client's connection takes from the environment — proxies and the CA bundle — read
once per connection (not on every request), and a CA bundle given at enrolment wins over
REQUESTS_CA_BUNDLE. Checked at the edge: a transport adapter that records what it was asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter

from sync.client.http import Connection


class Recorder(BaseAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[dict[str, Any]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.sent.append({"url": request.url, **kwargs})
        response = requests.Response()
        response.status_code = 200
        response._content = b'{"status": "ok", "protocol": 1, "server_time": ""}'
        response.request = request
        return response

    def close(self) -> None:
        pass


def _connect(url: str, **options: Any) -> tuple[Connection, Recorder]:
    conn = Connection(url, **options)
    recorder = Recorder()
    conn.session.mount("https://", recorder)
    conn.session.mount("http://", recorder)
    return conn, recorder


def test_a_ca_bundle_given_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    bundle = tmp_path / "city-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    conn, recorder = _connect("https://rt.example.go.id", ca_bundle=str(bundle))
    conn.get("/health")
    plain, plain_recorder = _connect("https://rt.example.go.id")
    plain.get("/health")
    assert recorder.sent[0]["verify"] == str(bundle)
    assert plain_recorder.sent[0]["verify"] == "/etc/ssl/certs/ca-certificates.crt"


def test_proxies_from_the_environment_apply_to_every_request(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.kota.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    conn, recorder = _connect("https://rt.example.go.id")
    monkeypatch.delenv("HTTPS_PROXY")  # read once, when the connection was made
    conn.get("/health")
    conn.get("/health")
    assert [s["proxies"].get("https") for s in recorder.sent] == [
        "http://proxy.kota.example:3128"] * 2
    assert all(s["timeout"] == conn.timeout for s in recorder.sent)


def test_no_proxy_for_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.kota.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    conn, recorder = _connect("http://127.0.0.1:8765")
    conn.get("/health")
    assert not recorder.sent[0]["proxies"].get("http")
