"""The server's secret key against the data it sealed: `rt-server admin init` never makes a new
key for a database that already holds sealed fields, and neither `admin init` nor `serve`
accepts a key that does not open them (both backends; the real `rt-server` entry point)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from sync.server import cli
from sync.server.config import ServerConfig
from sync.server.crypto import ENV_KEY, KEY_FILE


def rt_server(db_url: str, data_dir: Path, *args: str) -> int:
    return cli.main(["--database-url", db_url, "--data-dir", str(data_dir), *args])


def key_text(key: bytes) -> str:
    return base64.b64encode(key).decode() + "\n"


@pytest.fixture
def sealed(enrol, make_incident, config: ServerConfig) -> ServerConfig:
    """A database holding one case's sealed fields (sealed with ``config.secret_key``)."""
    device = enrol()
    assert device.push(device.change(make_incident()))[0]["status"] == "applied"
    return config


def test_init_makes_no_new_key_for_sealed_data(sealed: ServerConfig, db_url: str,
                                               tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(ENV_KEY, raising=False)
    moved = tmp_path / "moved"  # a backup restored on a new machine, its secret.key not yet
    assert rt_server(db_url, moved, "admin", "init") == 2
    err = capsys.readouterr().err
    assert "already holds sensitive fields" in err and f"backed-up {KEY_FILE}" in err
    assert not (moved / KEY_FILE).exists()
    moved.mkdir(exist_ok=True)
    (moved / KEY_FILE).write_text(key_text(os.urandom(32)))  # some other key
    assert rt_server(db_url, moved, "admin", "init") == 2
    assert "does not open the sensitive fields" in capsys.readouterr().err
    (moved / KEY_FILE).write_text(key_text(sealed.secret_key))  # the key put back
    assert rt_server(db_url, moved, "admin", "init") == 0
    assert "(kept" in capsys.readouterr().out


def test_init_checks_a_key_given_in_the_environment(sealed: ServerConfig, db_url: str,
                                                    tmp_path: Path, capsys,
                                                    monkeypatch) -> None:
    monkeypatch.setenv(ENV_KEY, "garbage")
    assert rt_server(db_url, tmp_path / "env", "admin", "init") == 2
    assert "is not base64" in capsys.readouterr().err
    monkeypatch.setenv(ENV_KEY, base64.b64encode(os.urandom(32)).decode())
    assert rt_server(db_url, tmp_path / "env", "admin", "init") == 2
    assert "does not open the sensitive fields" in capsys.readouterr().err
    monkeypatch.setenv(ENV_KEY, base64.b64encode(sealed.secret_key).decode())
    assert rt_server(db_url, tmp_path / "env", "admin", "init") == 0
    assert f"from {ENV_KEY}" in capsys.readouterr().out


def test_serve_refuses_a_key_that_does_not_open_the_data(sealed: ServerConfig, db_url: str,
                                                         tmp_path: Path, capsys,
                                                         monkeypatch) -> None:
    monkeypatch.delenv(ENV_KEY, raising=False)
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / KEY_FILE).write_text(key_text(os.urandom(32)))
    # Refused before uvicorn starts: the call returns instead of serving.
    assert rt_server(db_url, wrong, "serve", "--port", "1") == 2
    err = capsys.readouterr().err
    assert "does not open the sensitive fields" in err and "will not start" in err


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_init_makes_a_readable_key_file_private_again(db_url: str, storage, tmp_path: Path,
                                                      capsys, monkeypatch) -> None:
    monkeypatch.delenv(ENV_KEY, raising=False)
    data_dir = tmp_path / "open"
    assert rt_server(db_url, data_dir, "admin", "init") == 0
    assert "(created)" in capsys.readouterr().out
    key_file = data_dir / KEY_FILE
    assert key_file.stat().st_mode & 0o777 == 0o600
    key_file.chmod(0o644)
    assert rt_server(db_url, data_dir, "admin", "init") == 0
    assert "mode 644), now 600" in capsys.readouterr().out
    assert key_file.stat().st_mode & 0o777 == 0o600
