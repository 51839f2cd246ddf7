"""Errors the services raise; the API turns each into its HTTP status with ``detail``."""

from __future__ import annotations

__all__ = ["ServiceError", "Unauthorized", "Forbidden", "Conflict"]


class ServiceError(Exception):
    status = 400

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class Unauthorized(ServiceError):
    """Unknown, revoked, used or expired credentials (401)."""

    status = 401


class Forbidden(ServiceError):
    """Known device, but outside its role or scope (403)."""

    status = 403


class Conflict(ServiceError):
    """The request contradicts what the server knows (409): e.g. a code for another RT."""

    status = 409
