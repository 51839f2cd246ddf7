"""ASGI entry for other servers: ``uvicorn --factory sync.server.main:app`` (configuration from
the environment, as for ``rt-server serve``)."""

from fastapi import FastAPI

from sync.server.app import create_app
from sync.server.config import load_config


def app() -> FastAPI:
    return create_app(load_config())
