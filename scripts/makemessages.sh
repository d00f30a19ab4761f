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
# Django ships no catalogue for Tagalog and Lao, so gettext leaves their plural header as a template that
# Babel cannot compile: write the real rules.
for dir in locale/tl/LC_MESSAGES locale/lo/LC_MESSAGES; do
  [ -f "$dir/django.po" ] || continue
  case "$dir" in
    *tl*) rule='nplurals=2; plural=(n != 1);' ;;
    *lo*) rule='nplurals=1; plural=0;' ;;
  esac
  sed -i "s/^\"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\\\n\"/\"Plural-Forms: $rule\\\\n\"/" "$dir/django.po"
done
