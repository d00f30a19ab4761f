#!/usr/bin/env bash
# PDFs embed Noto fonts (OFL) for every script Ondol serves: Hangul and Han (Noto CJK), Latin, Cyrillic,
# Thai, Khmer, Lao and Devanagari (Noto core). Installs Debian's packages when they are missing.
set -euo pipefail
need=()
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ -f /usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf ] || need+=(fonts-noto-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Fonts missing (${need[*]}): install them with sudo apt-get install ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
fc-cache -f >/dev/null 2>&1 || true
