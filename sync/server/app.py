"""The FastAPI application: routers, error handling, middleware (DESIGN.md §6)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sync.protocol import API_PREFIX, GZIP_MIN_BYTES, PROTOCOL_VERSION, Settings, UpgradeRequired
from sync.server.api.deps import ProtocolChecked, RateLimited, UpgradeRequiredError
from sync.server.api.routes import enrol, health, pull, push, settings
from sync.server.config import ServerConfig
from sync.server.crypto import FieldCipher
from sync.server.errors import ServiceError
from sync.server.middleware import BodyLimit, ErrorShield
from sync.server.ratelimit import RateLimiter
from sync.server.settings import settings_model
from sync.server.storage import Storage, StorageConflict, open_storage

__all__ = ["GZIP_LEVEL", "create_app"]

GZIP_LEVEL = 1

DESCRIPTION = """The city server of RT Desktop (PPATBM Kota Balikpapan).

Every request under `/api/v1` except `/health` carries the header `X-RT-Protocol: 1` (another
major version gets **426** with where to download a newer app) and, except `/enrol`,
`Authorization: Bearer <device token>`. See docs/protocol.md for the merge rule and the roles.
"""


def _detail_without_input(errors: list[Any]) -> list[dict[str, Any]]:
    # Pydantic echoes the rejected input; a request may carry a child's name, which must not
    # travel back through proxies and their logs. Location, type and message are enough.
    return [{k: v for k, v in error.items() if k in ("loc", "msg", "type")} for error in errors]


#: PostgreSQL connections each server process keeps open between bursts. The pool grows one
#: connection at a time while requests wait (psycopg_pool), and shrinks back to this after ten
#: idle minutes: with 1, each burst of laptops after a quiet spell waited for them again.
READY_CONNECTIONS = 4


def create_app(config: ServerConfig, storage: Storage | None = None) -> FastAPI:
    """The app for ``config`` (the schema is created or migrated at once)."""
    store = storage or open_storage(config.database_url, ready=READY_CONNECTIONS)
    store.init_schema()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if storage is None:  # the app opened it, the app closes it
            store.close()

    app = FastAPI(title="RT Desktop city server", version=f"protocol {PROTOCOL_VERSION}",
                  description=DESCRIPTION, lifespan=lifespan)
    app.state.storage = store
    app.state.cipher = FieldCipher(config.secret_key)
    app.state.limiter = RateLimiter(config.rate_per_minute, config.rate_burst)
    app.state.enrol_limiter = RateLimiter(config.enrol_per_minute,
                                          max(1, config.enrol_per_minute // 3))
    app.state.last_seen = {}

    api = APIRouter(prefix=API_PREFIX)
    api.include_router(health.router)
    checked = APIRouter(dependencies=[ProtocolChecked],
                        responses={426: {"model": UpgradeRequired,
                                         "description": "protocol version not supported"},
                                   429: {"description": "rate limited; see Retry-After"}})
    for module in (enrol, settings, push, pull):
        checked.include_router(module.router)
    api.include_router(checked)
    app.include_router(api)

    @app.exception_handler(ServiceError)
    async def service_error(_: Request, exc: ServiceError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse({"detail": exc.detail}, status_code=exc.status, headers=headers)

    def current_settings() -> Settings:
        with store.reading() as tx:
            return settings_model(tx.settings())

    @app.exception_handler(UpgradeRequiredError)
    async def upgrade_required(_: Request, __: UpgradeRequiredError) -> JSONResponse:
        current = await run_in_threadpool(current_settings)  # not on the event loop
        body = UpgradeRequired(
            detail=f"this server speaks sync protocol {PROTOCOL_VERSION}: update RT Desktop",
            latest_app_version=current.latest_app_version, download_url=current.download_url)
        return JSONResponse(body.model_dump(), status_code=426)

    @app.exception_handler(RateLimited)
    async def rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return JSONResponse({"detail": "too many requests; try again later"}, status_code=429,
                            headers={"Retry-After": str(int(exc.retry_after))})

    @app.exception_handler(StorageConflict)
    async def busy(_: Request, __: StorageConflict) -> JSONResponse:
        return JSONResponse({"detail": "the server is busy; try again"}, status_code=503,
                            headers={"Retry-After": "2"})

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _detail_without_input(list(exc.errors()))},
                            status_code=422)

    # Innermost first: the body limit sees the raw request, responses are gzipped, and the
    # shield is outermost of ours (inside Starlette's own error middleware).
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    # Level 1, not Starlette's default 9: a 1,000-record page compresses about as well (JSON is
    # repetitive) in a fraction of the time (bench/sync_bench.py).
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(ErrorShield)
    return app
