#!/usr/bin/env bash
# Installs RT Desktop and starts it on a local demo database with clearly fake data (no server).
#
# The demo database lives in ${XDG_DATA_HOME:-~/.local/share}/rt-desktop-demo (or RT_DEMO_DIR),
# never in the real data folder. Log in as "Relawan Demo" with the password demo12345.
# Run as root it installs missing Debian packages itself; as a normal user it prints the
# `sudo apt-get install` command and stops. Creates .venv in the repository on first run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO_DIR="${RT_DEMO_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/rt-desktop-demo}"
DEMO_NAME="Relawan Demo"
export RT_DESKTOP_PASSWORD="demo12345"   # the documented demo password; demo data only

rt_system_packages "${RT_PKGS_QT_OFFSCREEN[@]}" "${RT_PKGS_QT_WINDOWS[@]}"
rt_check_python
rt_venv
rt_install_project ""   # no extras: the app only
# The UI's translation catalogues (.qm) are built, not committed (Qt's own buttons and dialogs
# in Bahasa Indonesia come from them); quick, and the install above is editable.
"$RT_VENV/bin/python" "$RT_ROOT/scripts/build_translations.py" --qm-only

# `demo` adds data on every run; fill the demo database only when it is new. If that fails,
# remove what this run made, so the next run tries again instead of opening a half-made database.
if [ ! -e "$DEMO_DIR/rt-desktop.db" ]; then
    rt_say "Creating the demo database in $DEMO_DIR"
    had_keys=false
    [ -e "$DEMO_DIR/rt-desktop.keys.json" ] && had_keys=true
    rc=0
    "$RT_VENV/bin/rt-desktop" --data-dir "$DEMO_DIR" demo --name "$DEMO_NAME" || rc=$?
    if [ "$rc" -ne 0 ]; then
        rm -f "$DEMO_DIR/rt-desktop.db" "$DEMO_DIR/rt-desktop.db-wal" "$DEMO_DIR/rt-desktop.db-shm"
        "$had_keys" || rm -f "$DEMO_DIR/rt-desktop.keys.json"
        rt_die "Could not create the demo database (exit $rc, see above); it was removed again."
    fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    rt_say "Set-up done, but there is no desktop session (neither DISPLAY nor WAYLAND_DISPLAY is"
    rt_say "set), so the window cannot open. Run this script again from a desktop session, or to"
    rt_say "try it on a machine without a screen:  xvfb-run -a ./scripts/demo.sh"
    exit 1
fi

rt_say "Starting RT Desktop on $DEMO_DIR — user: $DEMO_NAME, password: $RT_DESKTOP_PASSWORD"
exec "$RT_VENV/bin/rt-desktop" --data-dir "$DEMO_DIR"
