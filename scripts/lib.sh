# shellcheck shell=bash disable=SC2034  # SC2034: the package lists are used by the sourcing scripts
# Shared set-up for scripts/demo.sh and scripts/test.sh — sourced, not run.
#
# What it does, in order (each step is skipped when already done, so a second run is fast):
#   1. system packages (Debian): installed when run as root, otherwise the exact `sudo apt-get`
#      command is printed and the script stops having changed nothing;
#   2. Python >= 3.11 with a working venv;
#   3. .venv in the repository, and the project installed into it (`pip install -e`), again only
#      when pyproject.toml changed since the last install.
#
# Environment: RT_PYTHON (the interpreter to build .venv with; default python3).

set -euo pipefail

RT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RT_VENV="$RT_ROOT/.venv"
RT_PYTHON="${RT_PYTHON:-python3}"

# Qt's offscreen platform (tests, headless commands) loads these libraries.
RT_PKGS_QT_OFFSCREEN=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0)
# Real windows (the xcb platform) and Xvfb need these as well.
RT_PKGS_QT_WINDOWS=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
                    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)

# The city server's tests run the same suite on SQLite and PostgreSQL; the tests start their own
# throwaway cluster with Debian's initdb/pg_ctl (tests/conftest_pg.py), so only the binaries
# are needed, not a running service.
RT_PKGS_POSTGRES=(postgresql)

rt_say() { printf 'rt-desktop: %s\n' "$*" >&2; }
rt_die() { rt_say "$*"; exit 1; }

# Runs a command with its output in a log; shows the log only when the command fails.
rt_quietly() {
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/rt-desktop-setup.XXXXXX")
    local rc=0
    "$@" >"$log" 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
        rm -f "$log"
        return 0
    fi
    cat "$log" >&2
    rm -f "$log"
    rt_say "failed (exit $rc): $*"
    return "$rc"
}

rt_is_root() { [ "$(id -u)" -eq 0 ]; }

rt_deb_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# True when the interpreter can make a venv with pip in it. Debian ships the venv module in the
# standard library but ensurepip only in python3-venv, so `-m venv --help` alone proves nothing.
rt_python_has_venv() {
    command -v "$RT_PYTHON" >/dev/null 2>&1 \
        && "$RT_PYTHON" -m venv --help >/dev/null 2>&1 \
        && "$RT_PYTHON" -c 'import ensurepip' >/dev/null 2>&1
}

# rt_system_packages PKG... — make sure these Debian packages (plus Python and its venv) are there.
rt_system_packages() {
    local wanted=("$@") missing=() pkg
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        rt_say "This is not a Debian-like system, so system packages cannot be checked."
        rt_say "Needed: Python >= 3.11 with venv/ensurepip, and the libraries of the Debian"
        rt_say "packages: ${wanted[*]}"
        rt_python_has_venv \
            || rt_die "'$RT_PYTHON' cannot create a virtual environment; install Python >= 3.11 with venv."
        rt_say "Python can create a venv: going on; Qt may fail later if a library is missing."
        return 0
    fi
    if ! command -v "$RT_PYTHON" >/dev/null 2>&1; then
        [ "$RT_PYTHON" = python3 ] || rt_die "RT_PYTHON=$RT_PYTHON: no such command."
        missing+=(python3 python3-venv)
    elif ! rt_python_has_venv; then
        missing+=(python3-venv)
    fi
    for pkg in "${wanted[@]}"; do
        rt_deb_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    if ! rt_is_root; then
        rt_say "These system packages are missing: ${missing[*]}"
        rt_say "Install them (needs an administrator), then run this script again:"
        printf '\n    sudo apt-get install -y %s\n\n' "${missing[*]}" >&2
        exit 1
    fi
    rt_say "Installing system packages: ${missing[*]}"
    rt_quietly apt-get update
    rt_quietly env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
    if [[ " ${missing[*]} " == *" python3-venv "* ]] && ! rt_python_has_venv; then
        rt_die "python3-venv is installed but '$RT_PYTHON' still has no ensurepip; is it Debian's python3? Set RT_PYTHON to it."
    fi
}

rt_check_python() {
    command -v "$RT_PYTHON" >/dev/null 2>&1 || rt_die "'$RT_PYTHON' not found; RT Desktop needs Python >= 3.11."
    local version
    version=$("$RT_PYTHON" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
    "$RT_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || rt_die "RT Desktop needs Python >= 3.11, but '$RT_PYTHON' is $version. Debian 12 has 3.11; or set RT_PYTHON=/path/to/python3.11."
}

# True when .venv exists, runs, is new enough and has pip (a venv made without ensurepip has none).
rt_venv_usable() {
    [ -x "$RT_VENV/bin/python" ] \
        && "$RT_VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
        && "$RT_VENV/bin/python" -m pip --version >/dev/null 2>&1
}

rt_venv() {
    rt_venv_usable && return 0
    if [ -e "$RT_VENV" ]; then
        # Only ever remove what is recognisably a virtual environment.
        [ -f "$RT_VENV/pyvenv.cfg" ] \
            || rt_die "$RT_VENV exists but is not a virtual environment; move it away and run again."
        rt_say "$RT_VENV is broken or incomplete; making it again."
        rm -rf "$RT_VENV"
    fi
    rt_say "Creating the virtual environment $RT_VENV"
    if ! rt_quietly "$RT_PYTHON" -m venv "$RT_VENV"; then
        rm -rf "$RT_VENV"
        rt_die "Could not create a virtual environment. On Debian: sudo apt-get install -y python3-venv"
    fi
}

# Hash of what decides the installed set: pyproject.toml and the interpreter.
rt_install_hash() {
    "$RT_VENV/bin/python" - "$RT_ROOT/pyproject.toml" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read() + sys.version.encode()
print(hashlib.sha256(data).hexdigest())
PY
}

# rt_install_project [EXTRA] — `pip install -e .[EXTRA]` unless done for this pyproject.toml.
# An install with the "test" extra also covers the plain one.
rt_install_project() {
    local extra="${1:-}" hash stamp spec="$RT_ROOT"
    hash=$(rt_install_hash)
    stamp="$RT_VENV/.rt-desktop-installed${extra:+-$extra}"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
        return 0
    fi
    if [ -z "$extra" ] && [ -f "$RT_VENV/.rt-desktop-installed-test" ] \
        && [ "$(cat "$RT_VENV/.rt-desktop-installed-test")" = "$hash" ]; then
        return 0
    fi
    if [ -n "$extra" ]; then
        spec="${RT_ROOT}[$extra]"
    fi
    rt_say "Installing RT Desktop${extra:+ with [$extra]} into .venv (the first time takes a few minutes)"
    rt_quietly "$RT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec" \
        || rt_die "pip install failed (see above). Check the network connection and run again."
    printf '%s\n' "$hash" >"$stamp"
}
