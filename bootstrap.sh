#!/usr/bin/env bash
# Set up everything briefing needs on a Debian machine, then run it.
#   ./bootstrap.sh demo    build the demo brief from sources/ into output/ (runtime packages only)
#   ./bootstrap.sh test    run the whole test suite (adds the test packages; extra arguments go to pytest)
#   ./bootstrap.sh bench   run every benchmark (adds the benchmark-only packages, e.g. quantulum3)
# Idempotent: a later run only checks what is installed and goes straight to work.
# Everything pip installs is a wheel or builds in an isolated environment: no --no-build-isolation,
# so a fresh machine without a pip cache works exactly like this one.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig poppler-utils)
VENV=.venv

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

# The extras a profile needs: demo runs the product, test adds the test tools, bench the benchmark tools.
extras_for() {
    case "$1" in
        demo) echo "" ;;
        test) echo "test" ;;
        bench) echo "test,bench" ;;
    esac
}

ensure_venv() {
    local profile="$1" extras want stamp spec
    extras=$(extras_for "$profile")
    want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
    stamp="$VENV/.installed-${extras:-run}"
    if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    echo "bootstrap: installing Python packages (${extras:-runtime}) into $VENV" >&2
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q -c requirements.lock pip >&2
    spec="."
    [ -z "$extras" ] || spec=".[$extras]"
    "$VENV/bin/python" -m pip install -q -c requirements.lock -e "$spec" >&2
    echo "$want" > "$stamp"
}

main() {
    local what="${1:-}"
    shift || true
    case "$what" in
        demo) ensure_system; ensure_venv demo; exec "$VENV/bin/briefing" build --config briefing.yaml "$@" ;;
        test) ensure_system; ensure_venv test; exec "$VENV/bin/python" -m pytest -q "$@" ;;
        bench) ensure_system; ensure_venv bench; exec "$VENV/bin/python" benchmarks/run_all.py "$@" ;;
        *) echo "usage: ./bootstrap.sh demo|test|bench [args]" >&2; exit 2 ;;
    esac
}

main "$@"
