#!/usr/bin/env bash
# Extract translatable strings into .po catalogues for all 14 languages.
#   scripts/makemessages.sh project   → src/ondol/locale (settings, API, base templates, core, accounts)
#   scripts/makemessages.sh <app>     → src/ondol/<app>/locale
# Django is set up with only the core apps, so one app that is mid-change cannot break another's extraction.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: scripts/makemessages.sh project|<app>}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/ondol_i18n_settings.py" <<PY
from ondol.settings import *  # noqa: F403
INSTALLED_APPS = [a for a in INSTALLED_APPS if not a.startswith("ondol.") or a in ("ondol.core", "ondol.accounts")]
PY
langs=(ko en vi zh_Hans th ru uz mn ne tl id ja km lo)
args=(--no-wrap --no-location --ignore 'tests/*' --ignore '*/tests/*' --ignore conftest.py)
for l in "${langs[@]}"; do args+=(-l "$l"); done
if [ "$target" = "project" ]; then
  cd "$root/src/ondol"
  for app in guide eligibility cases complaints discovery fieldwork community centre stats; do args+=(--ignore "$app/*"); done
else
  cd "$root/src/ondol/$target"
  mkdir -p locale
fi
PYTHONPATH="$tmp:$root/src" DJANGO_SETTINGS_MODULE=ondol_i18n_settings "$root/.venv/bin/django-admin" makemessages "${args[@]}"
