# Sourced by the scripts here: a pinned uv in .tools/, then the workspace venv in .venv/ from uv.lock.
# Needs only python3 (3.10+) and network access to PyPI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV_VERSION=0.13.9
UV="$ROOT/.tools/bin/uv"
if [ ! -x "$UV" ] || [ "$("$UV" --version 2>/dev/null | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "[pkgcloud] installing uv $UV_VERSION into .tools/" >&2
  python3 -m venv "$ROOT/.tools"
  "$ROOT/.tools/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi
export UV_PROJECT_ENVIRONMENT="$ROOT/.venv"
"$UV" sync --locked --compile-bytecode --quiet --project "$ROOT"
PY="$ROOT/.venv/bin/python"
