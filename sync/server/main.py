"""ASGI entry for other servers: ``uvicorn --factory sync.server.main:app`` (configuration from
the environment, as for ``rt-server serve``), and the worker processes of
``rt-server serve --workers N`` (:func:`worker_app`)."""

import gc

from fastapi import FastAPI

from sync.server.app import create_app
from sync.server.config import load_config


def app() -> FastAPI:
    return create_app(load_config())


def worker_app() -> FastAPI:
    """One worker of ``rt-server serve --workers N``."""
    built = create_app(load_config())
    tune_gc()
    return built


def tune_gc() -> None:
    """A push batch makes hundreds of thousands of short-lived objects: collect the young
    generation less often, and keep what startup built (modules, the app) out of every
    collection. Memory stays bounded; only the collector's timing changes."""
    gc.set_threshold(20_000, 10, 10)
    gc.freeze()
