# Sourced by scripts/serve and scripts/test: finds Python >= 3.12 and prepares .venv.
# Why a search: Debian 12 ships 3.11; our machines add 3.12 through pyenv (.python-version).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
    local candidates=(python3.13 python3.12 python3 python)
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root="$(pyenv root)"
        candidates=("$root"/versions/3.1[2-9]*/bin/python3 "${candidates[@]}")
    fi
    for py in "${candidates[@]}"; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$py"
            return 0
        fi
    done
    return 1
}

ensure_venv() {
    local extras="${1:-}"
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
        local py
        if ! py="$(find_python)"; then
            echo "error: jobboard needs Python >= 3.12 and none was found." >&2
            echo "       Install it (e.g. 'pyenv install 3.12.1') or put python3.12 on PATH." >&2
            exit 3
        fi
        rm -rf .venv
        "$py" -m venv .venv
    fi
    local stamp=".venv/.installed-$extras"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
        if [ -n "$extras" ]; then
            .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extras]"
        else
            .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
        fi
        touch "$stamp"
    fi
}

compile_translations() {
    if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then
        .venv/bin/pybabel -q compile -d translations >/dev/null
    fi
}
