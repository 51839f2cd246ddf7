"""The Linux installers, built for real: packaging/build-linux.sh makes the PyInstaller bundle,
the .tar.gz and the .deb, and the frozen app's ``--self-test`` runs offscreen.

Part of the default run (``./scripts/test.sh``, CI): the build takes about a minute on a 2-core
machine (PyInstaller ~25 s, the .deb with ``--fast`` compression ~15 s), done once per session.
It needs what scripts/test.sh installs: binutils (PyInstaller reads ELF files with objdump),
dpkg-deb, and the project with its ``test`` extra (which brings pyinstaller).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

pytestmark = [pytest.mark.packaging, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
CHECKS = ("version", "seed data", "sqlcipher", "encrypted database", "write and read", "qt",
          "translations", "login screen", "main window")
SERVER = ("fastapi", "uvicorn", "psycopg", "psycopg_binary", "psycopg_pool", "starlette")
XCB_DEPENDS = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0",
               "libxcb-keysyms1", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libegl1",
               "libgl1", "libfontconfig1", "libdbus-1-3", "libglib2.0-0")
MB = 1000 * 1000  # the targets in decimal megabytes (stricter than MiB)


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RT_DESKTOP_DATA_DIR", None)  # the self-test must not need (or touch) a data folder
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("objdump") is None or shutil.which("dpkg-deb") is None:
        pytest.fail("objdump and dpkg-deb are needed: apt-get install -y binutils dpkg "
                    "(scripts/test.sh installs them)")
    out = tmp_path_factory.mktemp("packaging")
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build-linux.sh"), "--python", sys.executable,
         "--out", str(out), "--work", str(out / "work"), "--fast"],
        cwd=ROOT, capture_output=True, text=True, timeout=1200, env=_env())
    assert proc.returncode == 0, (f"build-linux.sh failed:\n{proc.stdout[-3000:]}\n"
                                  f"{proc.stderr[-6000:]}")
    (out / "build-output.txt").write_text(proc.stdout)
    return out


def _bundle(out: Path) -> Path:
    return out / "bundle" / "rt-desktop"


def _pyz_modules(exe: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    return set(CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz").toc)


def test_frozen_self_test_passes_and_says_what_it_checked(built: Path) -> None:
    proc = subprocess.run([str(_bundle(built) / "rt-desktop"), "--self-test"],
                          capture_output=True, text=True, timeout=180, env=_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"RT Desktop {VERSION} self-test (frozen, Linux")
    for check in CHECKS:
        assert any(line.startswith(f"ok   {check}: ") for line in lines), (check, proc.stdout)
    assert f"ok   version: rt-desktop {VERSION}" in lines
    assert "ok   seed data: 6 kecamatan, 34 kelurahan of Balikpapan" in lines
    assert re.search(r"^start-up: [0-9.]+ s to the login screen", proc.stdout, flags=re.M)
    assert lines[-1] == f"self-test passed: {len(CHECKS)} checks"
    assert "FAIL" not in proc.stdout


def test_frozen_self_test_reports_a_failure_and_exits_1(built: Path, tmp_path: Path) -> None:
    # A copy of the bundle (hard links: nothing is copied) without the English catalogue.
    broken = tmp_path / "rt-desktop"
    shutil.copytree(_bundle(built), broken, symlinks=True, copy_function=os.link)
    (broken / "_internal" / "ui" / "i18n" / "rt_desktop_en.qm").unlink()
    proc = subprocess.run([str(broken / "rt-desktop"), "--self-test"], capture_output=True,
                          text=True, timeout=180, env=_env())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"^FAIL translations: .*catalogue missing for en", proc.stdout, flags=re.M)
    assert "ok   encrypted database: " in proc.stdout  # the other checks still ran
    assert proc.stdout.splitlines()[-1].startswith("self-test FAILED: 1 failed (translations)")


def test_version_comes_from_pyproject(built: Path) -> None:
    proc = subprocess.run([str(_bundle(built) / "rt-desktop"), "--version"], capture_output=True,
                          text=True, timeout=60, env=_env())
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"rt-desktop {VERSION}"


def test_bundle_carries_what_the_app_loads(built: Path) -> None:
    internal = _bundle(built) / "_internal"
    for lang in ("id", "en"):
        qm = internal / "ui" / "i18n" / f"rt_desktop_{lang}.qm"
        assert qm.is_file() and qm.stat().st_size > 0, qm
    assert (internal / "rt_desktop" / "data" / "balikpapan_wilayah.csv").is_file()
    assert list(internal.glob("sqlcipher3/_sqlite3*.so")), "SQLCipher's native library"
    # rt-desktop's metadata (dist-info, or the egg-info an editable install leaves in the tree).
    metadata = [p for p in internal.glob("rt_desktop*-info/*")
                if p.name in ("METADATA", "PKG-INFO")]
    assert metadata and f"\nVersion: {VERSION}\n" in metadata[0].read_text(), metadata
    for icon in ("rt-desktop.svg", "rt-desktop-48.png", "rt-desktop-128.png",
                 "rt-desktop-256.png"):
        assert (internal / "icons" / icon).is_file(), icon
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    assert list((plugins / "networkinformation").glob("*.so")), "QNetworkInformation's backends"
    modules = _pyz_modules(_bundle(built) / "rt-desktop")
    # Loaded at run time by the app: every module of ui and of the sync client.
    for name in ("rt_desktop.cli", "rt_desktop.selftest", "ui.app", "ui.main_window",
                 "ui.selftest", "sync.client", "sync.protocol"):
        assert name in modules, name
    ui_sources = {".".join(p.relative_to(ROOT).with_suffix("").parts)
                  for p in (ROOT / "ui").rglob("*.py")}
    missing = sorted(m.removesuffix(".__init__") for m in ui_sources
                     if m.removesuffix(".__init__") not in modules)
    assert not missing, f"ui modules not in the bundle: {missing}"


def test_bundle_leaves_out_the_server_and_unused_qt(built: Path) -> None:
    bundle = _bundle(built)
    modules = _pyz_modules(bundle / "rt-desktop")
    server = sorted(m for m in modules if m == "sync.server" or m.startswith("sync.server.")
                    or m.split(".")[0] in SERVER)
    assert not server, f"server code in the bundle: {server[:10]}"
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    assert not [f for f in files if "sync/server" in f]
    assert not [f for f in files
                if any(re.search(rf"(^|/){pkg}([-_/.]|$)", f) for pkg in SERVER)]
    unused_qt = [f for f in files if re.search(
        r"libQt6(Quick|Qml|Pdf|WebEngine|Multimedia|Designer|Svg|Wayland|Sql)", f)]
    assert not unused_qt, unused_qt
    # The desktop's own libraries come from the system (see the spec), never from the build host.
    host_libs = [f for f in files if re.search(
        r"(^|/)lib(X11|xcb|GL|EGL|fontconfig|freetype|dbus-1|glib-2\.0|stdc\+\+)[.-]", f)]
    assert not host_libs, host_libs


def test_sizes_within_the_targets(built: Path) -> None:
    bundle = _bundle(built)
    unpacked = sum(p.lstat().st_size for p in bundle.rglob("*")
                   if p.is_file() and not p.is_symlink())
    (archive,) = built.glob(f"rt-desktop-{VERSION}-linux-*.tar.gz")
    assert unpacked <= 200 * MB, f"bundle {unpacked / MB:.0f} MB"
    assert archive.stat().st_size <= 80 * MB, f"archive {archive.stat().st_size / MB:.0f} MB"
    output = (built / "build-output.txt").read_text()
    for label in ("bundle (unpacked):", "archive (.tar.gz):", ".deb:", "start-up to the login"):
        assert label in output, label


def test_deb_installs_to_opt_with_menu_entry_and_depends(built: Path) -> None:
    (deb,) = built.glob("rt-desktop_*.deb")
    info = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                          check=True).stdout
    fields = dict(line.split(": ", 1) for line in info.splitlines() if ": " in line)
    assert fields["Package"] == "rt-desktop"
    assert fields["Version"] == VERSION
    depends = [d.strip().split(" ")[0] for d in fields["Depends"].split(",")]
    for package in XCB_DEPENDS:
        assert package in depends, package
    assert re.match(r"libc6 \(>= 2\.\d+\)", fields["Depends"])
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert re.search(r"^-rwxr-xr-x root/root .* \./opt/rt-desktop/rt-desktop$", listing, re.M)
    assert "./usr/bin/rt-desktop -> /opt/rt-desktop/rt-desktop" in listing
    assert "./usr/share/applications/rt-desktop.desktop" in listing
    for size in (48, 128, 256):
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/rt-desktop.png" in listing
    assert "./opt/rt-desktop/_internal/ui/i18n/rt_desktop_en.qm" in listing
    assert "sync/server" not in listing


def test_tarball_has_the_bundle_a_desktop_entry_and_icons(built: Path) -> None:
    (archive,) = built.glob(f"rt-desktop-{VERSION}-linux-*.tar.gz")
    top = archive.name.removesuffix(".tar.gz")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        entry = tar.extractfile(f"{top}/rt-desktop.desktop").read().decode()
    for name in ("rt-desktop/rt-desktop", "rt-desktop.desktop", "install-menu-entry.sh",
                 "icons/rt-desktop-256.png", "icons/rt-desktop.svg"):
        assert f"{top}/{name}" in names, name
    assert "Exec=rt-desktop" in entry and "Icon=rt-desktop" in entry
    assert "Categories=Office;" in entry


def test_install_menu_entry_script_points_at_the_unpacked_folder(built: Path,
                                                                 tmp_path: Path) -> None:
    (archive,) = built.glob(f"rt-desktop-{VERSION}-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/rt-desktop/_internal/" not in m.name]
        safe = {"filter": "tar"} if hasattr(tarfile, "tar_filter") else {}
        tar.extractall(tmp_path, members=members, **safe)
    folder = tmp_path / archive.name.removesuffix(".tar.gz")
    data_home = tmp_path / "share"
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    subprocess.run(["sh", str(folder / "install-menu-entry.sh")], check=True, env=env,
                   capture_output=True)
    entry = (data_home / "applications" / "rt-desktop.desktop").read_text()
    assert f'Exec="{folder}/rt-desktop/rt-desktop"' in entry
    assert (data_home / "icons" / "hicolor" / "128x128" / "apps" / "rt-desktop.png").is_file()
    subprocess.run(["sh", str(folder / "install-menu-entry.sh"), "--remove"], check=True, env=env,
                   capture_output=True)
    assert not (data_home / "applications" / "rt-desktop.desktop").exists()


def test_self_test_from_source_without_a_display() -> None:
    """The same flag on the source tree (what the Windows workflow's build machine has first)."""
    proc = subprocess.run([sys.executable, "-m", "rt_desktop.cli", "--self-test"], cwd=ROOT,
                          capture_output=True, text=True, timeout=180, env=_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(from source," in proc.stdout.splitlines()[0]
    assert proc.stdout.splitlines()[-1] == f"self-test passed: {len(CHECKS)} checks"
