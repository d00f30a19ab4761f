#!/usr/bin/env bash
# PDFs (visit sheets) embed Noto fonts (SIL OFL) for every script Ondol serves: Hangul and Han (Noto CJK),
# Latin with Vietnamese marks, Cyrillic, Thai, Lao, Khmer and Devanagari (Noto core). Installs Debian's
# packages when fontconfig cannot find a Noto font for one of these languages. Safe to run again.
set -euo pipefail

missing=()
has_font() {  # has_font LANG FAMILY: fontconfig knows FAMILY and it covers LANG
  fc-list ":lang=$1" family 2>/dev/null | grep -qi "$2"
}
if ! command -v fc-list >/dev/null 2>&1; then
  missing+=(fontconfig fonts-noto-core fonts-noto-cjk)
else
  for check in "ko:Noto Sans CJK KR" "zh-cn:Noto Sans CJK SC" "ja:Noto Sans CJK JP"; do
    has_font "${check%%:*}" "${check#*:}" || { missing+=(fonts-noto-cjk); break; }
  done
  for check in "en:Noto Sans" "vi:Noto Sans" "ru:Noto Sans" "mn:Noto Sans" "th:Noto Sans Thai" \
               "lo:Noto Sans Lao" "km:Noto Sans Khmer" "ne:Noto Sans Devanagari"; do
    has_font "${check%%:*}" "${check#*:}" || { missing+=(fonts-noto-core); break; }
  done
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ]; then
  echo "Fonts for the PDF visit sheets are missing: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fontconfig "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
echo "Installed ${missing[*]}."
