"""The import rule of DESIGN.md §2, enforced. It forbids; it does not whitelist.

Every ``.py`` file under ``rt_desktop/``, ``sync/`` and ``ui/`` is parsed with ``ast``, and every
import counts: at module level or inside a function (``lazy``), ``import X``, ``from X import Y``
(both ``X`` and ``X.Y``, since ``Y`` may be a submodule), relative imports resolved against the
file's package, and ``importlib.import_module("…")`` / ``__import__("…")`` with a literal name.
Imports under ``if TYPE_CHECKING:`` count too: the core has no use for Qt types either.

A second test imports every module of ``rt_desktop`` in a fresh interpreter and checks that Qt,
requests, ``sync`` and ``ui`` were not loaded — the rule as a user feels it (``rt-desktop status``
must not start Qt).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("rt_desktop", "sync", "ui")
QT = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name
    line: int
    lazy: bool  # inside a function body: runs only when the function is called


@dataclass(frozen=True)
class Rule:
    """Modules a file may not import. ``"pkg.*"`` means any submodule of pkg but not pkg itself."""

    forbidden: tuple[str, ...]
    why: str
    except_for: tuple[str, ...] = ()
    lazy_allowed: bool = False  # forbidden at module level only

    def breaks(self, imp: Import) -> bool:
        if self.lazy_allowed and imp.lazy:
            return False
        return (any(_matches(imp.module, p) for p in self.forbidden)
                and not any(_matches(imp.module, p) for p in self.except_for))


def _matches(module: str, pattern: str) -> bool:
    if pattern.endswith(".*"):
        return module.startswith(pattern[:-1])
    return module == pattern or module.startswith(pattern + ".")


def rules_for(relpath: str) -> tuple[Rule, ...]:
    """The rules of DESIGN.md §2 that apply to a file, by its path relative to the repository."""
    if relpath in ("rt_desktop/cli.py", "rt_desktop/cli_sync.py"):  # the composition root
        return (
            Rule(QT + ("requests",), "cli.py reaches Qt and requests only through ui and sync"),
            Rule(("sync", "ui"), "cli.py imports sync and ui only inside the subcommands that "
                 "need them, never at module level", lazy_allowed=True),
        )
    if relpath.startswith("rt_desktop/"):
        return (Rule(QT + ("requests", "sync", "ui"),
                     "rt_desktop is the core: it never imports Qt, requests, sync or ui"),)
    if relpath.startswith("sync/server/"):
        return (
            Rule(("rt_desktop.store", "rt_desktop.cli", "rt_desktop.demo"),
                 "the server uses only the pure domain modules of rt_desktop"),
            Rule(("sync.*",), "the server imports sync.protocol and its own modules, never the "
                 "client engine", except_for=("sync.protocol", "sync.server")),
            Rule(("ui", "requests") + QT, "the server never imports ui, Qt or requests"),
        )
    if relpath.startswith("sync/"):
        return (Rule(("ui",) + QT, "sync (client side) never imports ui or Qt"),)
    if relpath.startswith("ui/"):
        return (Rule(("sync.server",), "ui never imports sync.server"),)
    return ()


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, package: str):
        self.package = package
        self.depth = 0  # how many function bodies deep we are
        self.found: list[Import] = []

    def _add(self, module: str, node: ast.AST) -> None:
        self.found.append(Import(module, getattr(node, "lineno", 0), self.depth > 0))

    def _resolve(self, module: str | None, level: int) -> str:
        if level == 0:
            return module or ""
        parts = self.package.split(".")
        base = ".".join(parts[: len(parts) - (level - 1)])
        return f"{base}.{module}" if module else base

    def _visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        # Decorators and defaults run when the function is defined; only the body is lazy.
        for decorator in getattr(node, "decorator_list", ()):
            self.visit(decorator)
        self.visit(node.args)
        self.depth += 1
        for stmt in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(stmt)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _visit_function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._resolve(node.module, node.level)
        self._add(base, node)
        for alias in node.names:
            if alias.name != "*":
                self._add(f"{base}.{alias.name}", node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        dynamic = ((isinstance(func, ast.Name) and func.id in {"__import__", "import_module"})
                   or (isinstance(func, ast.Attribute) and func.attr == "import_module"))
        if (dynamic and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            name = node.args[0].value
            level = len(name) - len(name.lstrip("."))
            self._add(self._resolve(name[level:] or None, level), node)
        self.generic_visit(node)


def package_of(relpath: str) -> str:
    """``rt_desktop/store/store.py`` → ``rt_desktop.store``; a package's ``__init__`` is itself."""
    return ".".join(Path(relpath).parent.parts)


def imports_in(source: str, relpath: str) -> list[Import]:
    collector = _ImportCollector(package_of(relpath))
    collector.visit(ast.parse(source, filename=relpath))
    return collector.found


def violations(source: str, relpath: str) -> list[str]:
    """Every import in ``source`` that breaks a rule for ``relpath``, as readable lines."""
    return [f"{relpath}:{imp.line} imports {imp.module}"
            f"{' (inside a function)' if imp.lazy else ''} — {rule.why}"
            for imp in imports_in(source, relpath)
            for rule in rules_for(relpath) if rule.breaks(imp)]


SOURCE_FILES = sorted(p.relative_to(ROOT).as_posix()
                      for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("relpath", SOURCE_FILES)
def test_file_follows_the_import_rule(relpath: str) -> None:
    source = (ROOT / relpath).read_text(encoding="utf-8")
    found = violations(source, relpath)
    assert not found, "\n".join(found)


def test_every_package_is_checked() -> None:
    checked = {relpath.split("/")[0] for relpath in SOURCE_FILES}
    assert checked == set(PACKAGES)


# The checker itself: each case must be caught (or, for the allowed ones, must not be).
CHECKER_CASES = [
    ("rt_desktop/fake.py", "def f():\n    from PySide6 import QtWidgets\n", "PySide6"),
    ("rt_desktop/fake.py", "import importlib\nM = importlib.import_module('requests')\n",
     "requests"),
    ("rt_desktop/fake.py", "show = lambda: __import__('ui.app')\n", "ui.app"),
    ("rt_desktop/store/fake.py",
     "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shiboken6 import Shiboken\n",
     "shiboken6"),
    ("rt_desktop/cli.py", "import sync.client\n", "sync.client"),
    ("rt_desktop/cli.py", "def gui():\n    import PySide6.QtCore\n", "PySide6.QtCore"),
    ("rt_desktop/cli.py", "def gui():\n    from ui.app import run_app\n", None),
    ("rt_desktop/cli.py", "def sync_now():\n    from sync.client import run\n", None),
    ("sync/server/fake.py", "from .. import client\n", "sync.client"),
    ("sync/server/fake.py", "from rt_desktop.store import Store\n", "rt_desktop.store"),
    ("sync/server/fake.py", "def f():\n    import requests\n", "requests"),
    ("sync/server/fake.py",
     ("import sync\nfrom ..protocol import Change\nfrom . import storage\n"
      "from rt_desktop import guardrails, validation\n"), None),
    ("sync/fake.py", "class Engine:\n    from ui import app\n", "ui"),
    ("sync/fake.py", "import requests\nfrom rt_desktop.store import Store\n", None),
    ("ui/fake.py", "from sync import server\n", "sync.server"),
    ("ui/fake.py", "def f():\n    return __import__('sync.server.app')\n", "sync.server.app"),
    ("ui/fake.py", "from PySide6 import QtWidgets\nfrom sync import client\n", None),
]


@pytest.mark.parametrize(("relpath", "source", "caught"), CHECKER_CASES)
def test_checker_catches_forbidden_imports(relpath: str, source: str, caught: str | None) -> None:
    found = violations(source, relpath)
    if caught is None:
        assert found == []
    else:
        assert any(f" imports {caught}" in line for line in found), found


PROBE = """
import importlib, json, pkgutil, sys
import rt_desktop
WATCHED = ("PySide6", "shiboken6", "requests", "sync", "ui")
names = ["rt_desktop"] + [m.name for m in pkgutil.walk_packages(rt_desktop.__path__, "rt_desktop.")]
first_seen = {}
for name in names:
    importlib.import_module(name)
    for w in WATCHED:
        if w in sys.modules:
            first_seen.setdefault(w, name)
print(json.dumps({"imported": names, "loaded": first_seen}))
"""


def test_core_modules_load_without_qt_or_requests() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], check=False, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert {"rt_desktop.records", "rt_desktop.cli"} <= set(report["imported"])
    assert report["loaded"] == {}, (
        "importing rt_desktop loaded forbidden modules (module: first importer seen): "
        f"{report['loaded']}")
