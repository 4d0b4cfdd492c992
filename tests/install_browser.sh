#!/bin/sh
# Installs Debian's Chromium (and CJK fonts for the Japanese names) for the browser tests,
# when they are missing and we may install system packages. Playwright drives this browser;
# `playwright install` is not used, since it downloads a browser build of its own.
set -e
need=""
command -v chromium >/dev/null 2>&1 || need="chromium"
[ -d /usr/share/fonts/opentype/noto ] || need="$need fonts-noto-cjk"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing $need for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
else
  echo "browser tests need: $need (e.g. sudo apt-get install $need); set CHROMIUM to another Chromium" >&2
fi
