"""The server's configuration: database URL, data directory, secret key, limits.

Precedence: command-line options, then environment variables, then defaults. Environment:
``RT_SERVER_DATABASE_URL``, ``RT_SERVER_DATA_DIR``, ``RT_SERVER_SECRET_KEY`` (base64, 32 bytes),
``RT_SERVER_RATE_PER_MINUTE`` / ``RT_SERVER_RATE_BURST`` (per device),
``RT_SERVER_ENROL_PER_MINUTE`` (per client address), ``RT_SERVER_MAX_BODY_BYTES``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from sync.protocol import MAX_BODY_BYTES
from sync.server.crypto import load_key

__all__ = ["DB_FILENAME", "ServerConfig", "default_data_dir", "default_database_url",
           "load_config"]

DB_FILENAME = "rt-server.db"


def default_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get("RT_SERVER_DATA_DIR") or platformdirs.user_data_dir("rt-server"))


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DB_FILENAME).resolve()}"


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    data_dir: Path
    secret_key: bytes
    # Per device, in memory per server process (documented in docs/protocol.md): a token
    # bucket of `rate_burst` requests refilled at `rate_per_minute`.
    rate_per_minute: int = 1200
    rate_burst: int = 300
    enrol_per_minute: int = 30
    max_body_bytes: int = MAX_BODY_BYTES


def load_config(database_url: str | None = None, data_dir: Path | None = None,
                environ: Mapping[str, str] | None = None) -> ServerConfig:
    """The configuration from options and the environment.

    :raises sync.server.crypto.SecretKeyError: when no secret key is configured
    """
    env = dict(os.environ if environ is None else environ)
    directory = data_dir or default_data_dir(env)
    url = database_url or env.get("RT_SERVER_DATABASE_URL") or default_database_url(directory)

    def number(name: str, default: int) -> int:
        text = env.get(name, "")
        return int(text) if text.strip().isdigit() else default

    return ServerConfig(
        database_url=url, data_dir=directory, secret_key=load_key(directory, env),
        rate_per_minute=number("RT_SERVER_RATE_PER_MINUTE", ServerConfig.rate_per_minute),
        rate_burst=number("RT_SERVER_RATE_BURST", ServerConfig.rate_burst),
        enrol_per_minute=number("RT_SERVER_ENROL_PER_MINUTE", ServerConfig.enrol_per_minute),
        max_body_bytes=number("RT_SERVER_MAX_BODY_BYTES", ServerConfig.max_body_bytes))
