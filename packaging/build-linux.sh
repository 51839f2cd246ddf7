#!/usr/bin/env bash
# Builds RT Desktop for Linux: the PyInstaller bundle, then from it a .tar.gz and a .deb.
#
#   packaging/build-linux.sh                  # everything, into dist/
#   packaging/build-linux.sh --out DIR        # somewhere else
#   packaging/build-linux.sh --python PY      # an interpreter that already has the project
#                                             # (pip install -e .) and pyinstaller
#   packaging/build-linux.sh --bundle-only    # just the bundle and its self-test
#   packaging/build-linux.sh --fast           # lighter .deb compression (xz -1): for tests
#
# Without --python it uses the project's .venv (made and filled the way scripts/test.sh does,
# via scripts/lib.sh: as root it installs missing Debian packages, otherwise it prints the
# apt-get line) and adds pyinstaller to it. Steps: build the translations (.qm), run PyInstaller
# on packaging/rt-desktop.spec, check that the bundle's --version is pyproject.toml's, run the
# bundle's --self-test offscreen, pack. Prints the unpacked bundle size, the archive size, the
# .deb size and the self-test's start-up time.
#
# Output (VERSION from pyproject.toml, ARCH from dpkg):
#   DIR/bundle/rt-desktop/                       the onedir bundle (rt-desktop + _internal/)
#   DIR/rt-desktop-VERSION-linux-ARCH.tar.gz     the bundle, rt-desktop.desktop, icons and
#                                                install-menu-entry.sh (menu entry for one user)
#   DIR/rt-desktop_VERSION_ARCH.deb              /opt/rt-desktop, /usr/bin/rt-desktop, the menu
#                                                entry and icons; Depends from deb_depends.py
#
# Environment: RT_DEB_MAINTAINER (the .deb's Maintainer field).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PKG="$ROOT/packaging"
OUT="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
PY=""
BUNDLE_ONLY=0
XZ_LEVEL=6

while [ $# -gt 0 ]; do
    case "$1" in
        --out) OUT=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --python) PY=$2; shift 2 ;;
        --bundle-only) BUNDLE_ONLY=1; shift ;;
        --fast) XZ_LEVEL=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-linux.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

say() { printf 'build-linux: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

if [ -z "$PY" ]; then
    # shellcheck source=scripts/lib.sh
    source "$ROOT/scripts/lib.sh"
    # PyInstaller reads ELF headers with objdump (binutils); the self-test needs Qt's offscreen
    # libraries; the .deb and its Depends need dpkg-deb and ldconfig (always there on Debian).
    rt_system_packages "${RT_PKGS_QT_OFFSCREEN[@]}" binutils
    rt_check_python
    rt_venv
    # shellcheck disable=SC2119  # the plain install, no extra
    rt_install_project
    PY="$RT_VENV/bin/python"
    if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
        say "installing pyinstaller into .venv"
        "$PY" -m pip install --quiet --disable-pip-version-check 'pyinstaller>=6.10'
    fi
fi
"$PY" -c 'import PyInstaller, rt_desktop' 2>/dev/null \
    || die "$PY lacks pyinstaller or the project: pip install -e . 'pyinstaller>=6.10'"
command -v objdump >/dev/null || die "objdump missing: apt-get install binutils"

VERSION=$(cd "$ROOT" && "$PY" -c \
    'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$( (dpkg --print-architecture 2>/dev/null) || uname -m)
BUNDLE="$OUT/bundle/rt-desktop"
started=$(date +%s)

say "RT Desktop $VERSION: translations"
(cd "$ROOT" && "$PY" scripts/build_translations.py --qm-only)

say "PyInstaller (packaging/rt-desktop.spec) -> $BUNDLE"
rm -rf "$BUNDLE"
(cd "$ROOT" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/bundle" --workpath "$WORK" "$PKG/rt-desktop.spec")

# The version comes from pyproject.toml through the installed metadata: a .venv installed
# before the version changed would carry the old one.
shown=$("$BUNDLE/rt-desktop" --version)
[ "$shown" = "rt-desktop $VERSION" ] \
    || die "the bundle says '$shown' but pyproject.toml says $VERSION: reinstall the project" \
           "(pip install -e .)"

say "self-test of the bundle"
selftest_log="$OUT/self-test.txt"
if ! QT_QPA_PLATFORM=offscreen "$BUNDLE/rt-desktop" --self-test \
        >"$selftest_log" 2>"$selftest_log.err"; then
    cat "$selftest_log" "$selftest_log.err" >&2
    die "the bundle's self-test failed"
fi
cat "$selftest_log"

bundle_bytes=$(du -sb "$BUNDLE" | cut -f1)
if [ "$BUNDLE_ONLY" -eq 1 ]; then
    printf 'bundle (unpacked): %s (target <= 200 MB)\n' "$(mib "$bundle_bytes")"
    exit 0
fi

# --- .tar.gz ---------------------------------------------------------------------------------
stage=$(mktemp -d "${TMPDIR:-/tmp}/rt-desktop-pack.XXXXXX")
trap 'rm -rf "$stage"' EXIT
name="rt-desktop-$VERSION-linux-$ARCH"
tree="$stage/tar/$name"
mkdir -p "$tree/icons"
cp -a "$BUNDLE" "$tree/rt-desktop"
cp "$PKG/linux/rt-desktop.desktop" "$tree/"
install -m 755 "$PKG/linux/install-menu-entry.sh" "$tree/"
cp "$PKG/icons/rt-desktop.svg" "$PKG"/icons/rt-desktop-{48,128,256}.png "$tree/icons/"
cat >"$tree/BACA-README.txt" <<EOF
RT Desktop $VERSION untuk Linux / for Linux

  ./rt-desktop/rt-desktop            menjalankan aplikasi / start the app
  ./install-menu-entry.sh            menambahkan ke menu aplikasi / add it to the menu
  ./rt-desktop/rt-desktop --help     perintah baris / command line

Data tersimpan di / data lives in ~/.local/share/rt-desktop (bukan di folder ini / not here).
Panduan / guide: docs/install.md. Butuh / needs glibc >= 2.36 (Debian 12, Ubuntu 22.10+)
dan pustaka xcb Qt / and Qt's xcb libraries (lihat / see docs/install.md).
EOF
chmod -R u+rwX,go+rX,go-w "$tree"
archive="$OUT/$name.tar.gz"
tar -C "$stage/tar" --owner=0 --group=0 --numeric-owner -cf - "$name" | gzip -6 >"$archive"

# --- .deb --------------------------------------------------------------------------------------
deb_version=$(printf '%s' "$VERSION" | sed -E 's/(a|b|rc|\.dev)([0-9]+)$/~\1\2/')
root="$stage/deb"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/doc/rt-desktop" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$root/opt/rt-desktop"
ln -s /opt/rt-desktop/rt-desktop "$root/usr/bin/rt-desktop"
install -m 644 "$PKG/linux/rt-desktop.desktop" "$root/usr/share/applications/rt-desktop.desktop"
for size in 48 128 256; do
    install -D -m 644 "$PKG/icons/rt-desktop-$size.png" \
        "$root/usr/share/icons/hicolor/${size}x${size}/apps/rt-desktop.png"
done
install -m 644 "$PKG/icons/rt-desktop.svg" "$root/usr/share/icons/hicolor/scalable/apps/"
cat >"$root/usr/share/doc/rt-desktop/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: rt-desktop

Files: *
License: Apache-2.0
 On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.
 /opt/rt-desktop/_internal carries Python, Qt (PySide6, LGPLv3) and the Python libraries the
 app uses, each under its own licence.
EOF
chmod -R u+rwX,go+rX,go-w "$root"
depends=$("$PY" "$PKG/linux/deb_depends.py" "$root/opt/rt-desktop")
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: rt-desktop
Version: $deb_version
Section: misc
Priority: optional
Architecture: $ARCH
Installed-Size: $installed_kb
Maintainer: ${RT_DEB_MAINTAINER:-RT Desktop developers <rt-desktop@example.invalid>}
Depends: $depends
Recommends: libcups2
Description: PPATBM Balikpapan: Lautan RT sessions and micro-level cases, offline
 RT Desktop is the offline-first app for the PPATBM volunteers of Balikpapan
 (relawan/kader RT): Lautan RT parenting sessions and micro-level incidents of
 violence against women and children, kept in one SQLCipher-encrypted database
 on the laptop and synced with the city's server when a connection exists.
 .
 Aplikasi relawan PPATBM Kota Balikpapan: sesi Lautan RT dan kasus mikro,
 tersimpan terenkripsi di laptop, tetap jalan tanpa internet.
EOF
deb="$OUT/rt-desktop_${deb_version}_$ARCH.deb"
dpkg-deb --root-owner-group -Zxz "-z$XZ_LEVEL" --build "$root" "$deb" >/dev/null

archive_bytes=$(stat -c %s "$archive")
deb_bytes=$(stat -c %s "$deb")
startup=$(sed -n 's/^start-up: \([0-9.]*\) s.*/\1 s/p' "$selftest_log")
echo
echo "RT Desktop $VERSION ($ARCH), built in $(($(date +%s) - started)) s"
printf '  bundle (unpacked): %-10s target <= 200 MB   %s\n' "$(mib "$bundle_bytes")" "$BUNDLE"
printf '  archive (.tar.gz): %-10s target <= 80 MB    %s\n' "$(mib "$archive_bytes")" "$archive"
printf '  .deb:              %-10s                    %s\n' "$(mib "$deb_bytes")" "$deb"
printf '  start-up to the login screen (self-test, offscreen): %s (target < 1.5 s)\n' "${startup:-?}"
printf '  Depends: %s\n' "$depends"
