"""Work out the ``Depends:`` of the .deb from the bundle itself (used by build-linux.sh).

    python packaging/linux/deb_depends.py BUNDLE_DIR

Prints one line: the comma-separated Depends. It is the union of

* the packages Qt's xcb platform plugin needs at run time, always listed (some of its libraries
  are only opened with dlopen, so no ELF header names them): ``BASE`` below;
* for every library an ELF file of the bundle needs (its ``NEEDED`` entries) that the bundle does
  not carry, the Debian package that holds it on this machine (``ldconfig -p`` then ``dpkg -S``);
* ``libc6 (>= X)``, X being the newest ``GLIBC_X`` symbol version any file of the bundle uses —
  the real minimum glibc of this build, which docs/install.md turns into supported releases.

A library that no package on the build machine provides is reported on stderr (the build goes on:
it is then missing on the build machine too, e.g. CUPS for the print plug-in).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BASE = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0",
        "libxcb-keysyms1", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libegl1",
        "libgl1", "libfontconfig1", "libdbus-1-3", "libglib2.0-0")
# libc6 is given with its version instead; libcups2 only serves the print plug-in (printing the
# recovery sheet), so the .deb recommends it rather than depends on it.
SKIP = {"libc6", "libcups2"}


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)", out, flags=re.M)


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return {tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)\b", out)}


def ldconfig_paths() -> dict[str, str]:
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    arch = "x86-64" if os.uname().machine == "x86_64" else os.uname().machine
    found: dict[str, str] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) \(([^)]*)\) => (\S+)", line)
        if m and (arch in m.group(2) or "x86-64" not in m.group(2)):
            found.setdefault(m.group(1), m.group(3))
    return found


def package_of(path: str) -> str | None:
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):  # merged /usr: dpkg may know either spelling
        if p.startswith("/usr/lib/"):
            candidates.append(p[len("/usr"):])
        elif p.startswith("/lib/"):
            candidates.append("/usr" + p)
    for p in candidates:
        result = subprocess.run(["dpkg", "-S", p], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            return result.stdout.split(":", 1)[0].strip()
    return None


def main(bundle: str) -> int:
    root = Path(bundle)
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    carried = {p.name for p in root.rglob("*")}
    wanted: set[str] = set()
    glibc: set[tuple[int, ...]] = set()
    for path in files:
        wanted.update(name for name in needed(path) if name not in carried)
        glibc |= glibc_versions(path)
    where = ldconfig_paths()
    packages = set(BASE)
    for soname in sorted(wanted):
        path = where.get(soname)
        package = package_of(path) if path else None
        if package is None:
            print(f"deb_depends: no package on this machine provides {soname}", file=sys.stderr)
            continue
        if package not in SKIP:
            packages.add(package)
    depends = sorted(packages)
    if glibc:
        depends.insert(0, "libc6 (>= {})".format(".".join(map(str, max(glibc)))))
    print(", ".join(depends))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1]))
