#!/usr/bin/env bash
# Set up everything briefing needs on a Debian machine, then run it.
#   ./bootstrap.sh demo   build the demo brief from sources/ into output/
#   ./bootstrap.sh test   run the whole test suite (extra arguments go to pytest)
# Idempotent: a second run only checks what is installed and goes straight to work.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig poppler-utils)
VENV=.venv
STAMP="$VENV/.installed"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

missing_apt() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
    done
}

ensure_system() {
    local need=()
    mapfile -t need < <(missing_apt "${APT_PACKAGES[@]}")
    if ! python3 -c 'import sys, venv, ensurepip; assert sys.version_info >= (3, 11)' 2>/dev/null; then
        need+=(python3 python3-venv python3-pip)
    fi
    if [ "${#need[@]}" -gt 0 ]; then
        echo "bootstrap: installing Debian packages: ${need[*]}" >&2
        as_root apt-get update -q
        apt_install "${need[@]}"
    fi
}

ensure_venv() {
    local want
    want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
    if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
        return
    fi
    echo "bootstrap: installing Python packages into $VENV" >&2
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade "pip>=24" >&2
    "$VENV/bin/python" -m pip install -q -c requirements.lock "hatchling>=1.25,<2" "editables>=0.5,<1" >&2
    "$VENV/bin/python" -m pip install -q -c requirements.lock --no-build-isolation -e ".[test,bench]" >&2
    echo "$want" > "$STAMP"
}

main() {
    local what="${1:-}"
    shift || true
    case "$what" in
        demo) ensure_system; ensure_venv; exec "$VENV/bin/briefing" build --config briefing.yaml "$@" ;;
        test) ensure_system; ensure_venv; exec "$VENV/bin/python" -m pytest -q "$@" ;;
        *) echo "usage: ./bootstrap.sh demo|test [args]" >&2; exit 2 ;;
    esac
}

main "$@"
