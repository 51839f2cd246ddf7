"""API fuzzing with schemathesis against /openapi.json, on both backends: whatever is sent —
with a valid device token and protocol header, so the generated requests reach the handlers —
the server never answers 5xx. Bounded: a few dozen examples per operation."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

OPERATIONS = [("GET", "/api/v1/health"), ("POST", "/api/v1/enrol"), ("GET", "/api/v1/settings"),
              ("POST", "/api/v1/push"), ("GET", "/api/v1/pull")]


def test_every_operation_is_fuzzed(client) -> None:
    schema = client.get("/openapi.json").json()
    found = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_errors(client, enrol, method: str, path: str) -> None:
    headers = {**enrol().headers, "X-RT-Protocol": "1"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    run()

