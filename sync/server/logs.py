"""Logging of ``rt-server serve``: uvicorn's access log (method, path with its query string —
record type, cursor and page size, nothing personal — and status) and the server's own
``rt_server.*`` loggers, which log ids and counts only. No body is ever logged."""

from __future__ import annotations

import copy
from typing import Any

from uvicorn.config import LOGGING_CONFIG

__all__ = ["log_config"]


def log_config(level: str = "info") -> dict[str, Any]:
    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["server"] = {
        "()": "logging.Formatter", "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    config["handlers"]["server"] = {"formatter": "server", "class": "logging.StreamHandler",
                                    "stream": "ext://sys.stderr"}
    config["loggers"]["rt_server"] = {"handlers": ["server"], "level": level.upper(),
                                      "propagate": False}
    config["loggers"]["uvicorn"]["level"] = level.upper()
    for name in ("default", "access"):
        config["formatters"][name]["fmt"] = "%(asctime)s " + config["formatters"][name]["fmt"]
    return config
