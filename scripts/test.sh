#!/usr/bin/env bash
# Installs everything RT Desktop's tests need and runs the whole test suite.
#
#   ./scripts/test.sh                 # every test
#   ./scripts/test.sh tests/core -x   # extra arguments go to pytest
#
# Run as root it installs missing Debian packages itself; as a normal user it prints the
# `sudo apt-get install` command and stops. Creates .venv in the repository on first run.
# Exit status: pytest's, except that "no tests collected" (5) is a failure (1).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Qt offscreen for most tests; Xvfb and the libraries of Qt's xcb platform for tests that show
# real windows (an Xvfb without them cannot run Qt); poppler-utils (pdftoppm, pdftotext) to read
# the PDFs that reports make; PostgreSQL for the server tests (both backends, DESIGN.md §6);
# binutils for PyInstaller (objdump), which tests/e2e/test_e2e_packaging.py runs.
RT_PKGS_TEST=("${RT_PKGS_QT_OFFSCREEN[@]}" "${RT_PKGS_QT_WINDOWS[@]}" poppler-utils
              "${RT_PKGS_POSTGRES[@]}" binutils)

# System services the tests need, started before pytest and stopped when this script ends.
# None: the tests start and stop their own throwaway PostgreSQL cluster (tests/conftest_pg.py:
# initdb/pg_ctl as the postgres user on a free loopback port and a private socket directory).
# A machine without PostgreSQL fails those tests with the apt-get line to run (never a skip).
start_test_services() {
    :
}

# shellcheck disable=SC2317  # called through the trap
stop_test_services() {
    :
}

rt_system_packages "${RT_PKGS_TEST[@]}"
rt_check_python
rt_venv
rt_install_project test

trap stop_test_services EXIT
start_test_services

cd "$RT_ROOT"
# The UI's translation catalogues (.qm) are built, not committed: build them from the .ts files
# as committed (tests/ui/test_ui_shell_i18n.py checks those are up to date).
"$RT_VENV/bin/python" scripts/build_translations.py --qm-only
export QT_QPA_PLATFORM=offscreen
rc=0
"$RT_VENV/bin/python" -m pytest "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    rt_say "pytest collected no tests: that is a failure, not a pass."
    exit 1
fi
exit "$rc"
