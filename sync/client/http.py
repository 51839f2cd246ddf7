"""The HTTP side of the client: one ``requests.Session`` per server, every failure turned into
one :class:`~sync.client.errors.SyncError`.

- Explicit (connect, read) timeouts on every request: a stalled server never hangs a sync.
- TLS verification always on (a custom CA bundle may replace the system's); plain ``http://``
  only to this machine (loopback) unless explicitly allowed at enrolment.
- ``X-RT-Protocol`` on every request; request bodies above 1 KB gzipped; responses are gzipped
  by the server and undone by requests.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import ipaddress
import json
import time
from collections.abc import Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ValidationError

from rt_desktop import __version__
from rt_desktop.errors import BadInput
from sync import protocol
from sync.client.errors import SyncError

__all__ = ["DEFAULT_TIMEOUT", "Connection", "check_url", "is_loopback", "parse_server_time"]

M = TypeVar("M", bound=BaseModel)
DEFAULT_TIMEOUT = (5.0, 60.0)  # seconds: connect, read (a 500-change push may take a while)


def is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """The server's base URL, normalised (no trailing slash).

    :raises BadInput: for a URL that is not http(s)://host
    :raises SyncError: ``insecure`` for plain http to another machine without the explicit
        permission
    """
    url = url.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("https", "http") and bool(parts.hostname)
    except ValueError:  # "https://[::1"
        valid = False
    if not valid:
        raise BadInput(f"Alamat server tidak valid: {url} (contoh: https://rt.balikpapan.go.id)",
                       f"Not a valid server address: {url} (e.g. https://rt.balikpapan.go.id)")
    if parts.scheme == "http" and not is_loopback(parts.hostname) and not allow_insecure_http:
        raise SyncError(
            "insecure",
            "Alamat server memakai http tanpa enkripsi. Pakai https://, atau izinkan secara "
            "tegas dengan --allow-insecure-http (hanya di jaringan yang dipercaya).",
            "The server address uses unencrypted http. Use https://, or allow it explicitly "
            "with --allow-insecure-http (trusted networks only).")
    return url


def parse_server_time(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def _detail(response: requests.Response) -> Any:
    try:
        return response.json().get("detail")
    except (ValueError, AttributeError):
        return None


class Connection:
    """Requests to one city server. Not thread-safe (one per sync run or per thread)."""

    def __init__(self, base_url: str, *, token: str | None = None, ca_bundle: str | None = None,
                 allow_insecure_http: bool = False,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT):
        self.base_url = check_url(base_url, allow_insecure_http=allow_insecure_http)
        self.timeout = timeout
        self.session = requests.Session()
        # Verification is never switched off; a CA bundle only replaces whom we trust.
        self.session.verify = ca_bundle or True
        self.session.trust_env = True
        self.session.headers.update({
            protocol.PROTOCOL_HEADER: f"{protocol.PROTOCOL_VERSION}.{protocol.PROTOCOL_MINOR}",
            "User-Agent": f"rt-desktop/{__version__}",
            "Accept": "application/json",
        })
        self._token = token
        self._ca_bundle = ca_bundle
        self._allow_insecure_http = allow_insecure_http
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        #: server time minus local time (seconds), from the last answer that carried it
        self.clock_skew: float | None = None
        #: sent with every pull (``own``): per push batch of this sync, the seqs of its own
        #: records the server may leave out (:func:`sync.client.pull.pull_records`)
        self.own: tuple[tuple[int, int], ...] = ()
        # What the environment says for this server (proxies, CA bundle), read once: requests
        # reads it again on every request otherwise — walking os.environ and the proxy
        # bypass list — which was a good part of a short request's client time. A CA bundle
        # given here wins over REQUESTS_CA_BUNDLE (requests lets the variable win when no
        # `verify` is passed per request).
        self._send_settings = self.session.merge_environment_settings(
            self.base_url, {}, None, self.session.verify, None)

    def settings(self) -> dict[str, Any]:
        """What :meth:`from_settings` needs for a second connection like this one (in another
        process). It holds the device's token: pass it through a pipe, never an argument
        list, a file or a log."""
        return {"base_url": self.base_url, "token": self._token, "ca_bundle": self._ca_bundle,
                "allow_insecure_http": self._allow_insecure_http, "timeout": self.timeout,
                "own": self.own}

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Connection:
        conn = cls(settings["base_url"], token=settings["token"],
                   ca_bundle=settings["ca_bundle"],
                   allow_insecure_http=settings["allow_insecure_http"],
                   timeout=(float(settings["timeout"][0]), float(settings["timeout"][1])))
        conn.own = tuple((int(low), int(high)) for low, high in settings["own"])
        return conn

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._request("GET", path, params=params)

    def get_model(self, path: str, model: type[M], params: dict[str, Any] | None = None) -> M:
        """GET and parse the answer straight into a protocol model (pydantic's JSON parser:
        a 1,000-record pull page is parsed and checked in one pass).

        :raises SyncError: as :meth:`get`; ``protocol`` when the answer is not that model
        """
        return self.get_model_headers(path, model, params)[0]

    def get_model_headers(self, path: str, model: type[M],
                          params: dict[str, Any] | None = None) -> tuple[M, Mapping[str, str]]:
        """:meth:`get_model`, with the answer's headers."""
        started = time.time()
        response = self._send("GET", path, params=params)
        try:
            parsed = model.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError("protocol", "Data dari server tidak dikenali.",
                            "The server's data was not understood.",
                            status=response.status_code) from exc
        self._observe_time(getattr(parsed, "server_time", None), started)
        return parsed, response.headers

    def post(self, path: str, body: dict[str, Any],
             headers: dict[str, str] | None = None) -> dict[str, Any]:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {**(headers or {}), "Content-Type": "application/json"}
        if len(data) > protocol.GZIP_MIN_BYTES:
            data = gzip.compress(data, compresslevel=1)
            headers["Content-Encoding"] = "gzip"
        return self._request("POST", path, data=data, headers=headers)

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        started = time.time()
        response = self._send(method, path, **kwargs)
        try:
            payload = response.json()
        except ValueError as exc:
            # A proxy's error page, or a body cut short: nothing was understood, try again.
            raise SyncError("server_error", "Jawaban server tidak terbaca; dicoba lagi nanti.",
                            "The server's answer could not be read; will try again later.",
                            status=response.status_code) from exc
        if isinstance(payload, dict):
            self._observe_time(payload.get("server_time"), started)
        return payload

    def _observe_time(self, server_time: object, started: float) -> None:
        if isinstance(server_time, str):
            server = parse_server_time(server_time)
            if server is not None:
                self.clock_skew = server.timestamp() - (started + time.time()) / 2

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = f"{self.base_url}{protocol.API_PREFIX}{path}"
        try:
            # Session.request without its per-request environment lookup (see __init__).
            prepared = self.session.prepare_request(requests.Request(method, url, **kwargs))
            response = self.session.send(prepared, timeout=self.timeout, allow_redirects=True,
                                         **self._send_settings)
        except requests.exceptions.SSLError as exc:
            raise SyncError(
                "tls", "Sertifikat keamanan server tidak dapat diverifikasi. Hubungi admin kota.",
                "The server's security certificate could not be verified. Contact the city "
                "admin.") from exc
        except requests.exceptions.Timeout as exc:
            raise SyncError(
                "unreachable", "Server tidak menjawab tepat waktu. Data tetap aman di laptop "
                "ini dan akan dikirim nanti.",
                "The server did not answer in time. The data stays safe on this laptop and will "
                "be sent later.") from exc
        except requests.exceptions.RequestException as exc:
            raise SyncError(
                "unreachable", "Server tidak dapat dihubungi. Data tetap aman di laptop ini dan "
                "akan dikirim nanti.",
                "The server cannot be reached. The data stays safe on this laptop and will be "
                "sent later.") from exc
        if response.status_code >= 400:
            raise self._error(response)
        return response

    def _error(self, response: requests.Response) -> SyncError:
        status = response.status_code
        detail = _detail(response)
        if status == 426:
            try:
                body = response.json()
            except ValueError:
                body = {}
            latest = str(body.get("latest_app_version") or "")
            where = str(body.get("download_url") or "")
            return SyncError(
                "update_required",
                f"Versi RT Desktop ini terlalu lama untuk server. Perbarui ke versi {latest} "
                f"dari {where or 'admin kota'}.",
                f"This RT Desktop is too old for the server. Update to version {latest} from "
                f"{where or 'the city admin'}.",
                status=status, download_url=where or None, latest_app_version=latest or None)
        if status == 401:
            return SyncError(
                "auth", "Laptop ini tidak (lagi) terdaftar di server: kodenya salah atau "
                "kedaluwarsa, atau pendaftarannya dicabut. Minta kode baru ke admin kota.",
                "This laptop is not (or no longer) enrolled: the code is wrong or expired, or "
                "its enrolment was revoked. Ask the city admin for a new code.", status=status)
        if status == 403:
            return SyncError("forbidden",
                             f"Server menolak: di luar wewenang laptop ini ({detail}).",
                             f"The server refused: outside this laptop's scope ({detail}).",
                             status=status)
        if status == 409:
            return SyncError("refused", f"Server menolak pendaftaran: {detail}",
                             f"The server refused the enrolment: {detail}", status=status)
        if status == 429 or status == 503:
            wait = _retry_after(response)
            kind = "rate_limited" if status == 429 else "server_error"
            after = f" dalam {wait:.0f} detik" if wait is not None else " nanti"
            after_en = f" in {wait:.0f} seconds" if wait is not None else " later"
            return SyncError(kind, f"Server sedang sibuk; dicoba lagi{after}.",
                             f"The server is busy; will try again{after_en}.",
                             status=status, retry_after=wait)
        if status >= 500:
            return SyncError("server_error",
                             f"Server sedang bermasalah (kode {status}). Data tetap aman di "
                             "laptop ini dan akan dikirim nanti.",
                             f"The server has a problem (code {status}). The data stays safe on "
                             "this laptop and will be sent later.", status=status,
                             retry_after=_retry_after(response))
        return SyncError("protocol", f"Server menolak permintaan (kode {status}): {detail}",
                         f"The server refused the request (code {status}): {detail}",
                         status=status)
