#!/usr/bin/env bash
# The browser tests drive Debian's Chromium, and the HTML checker (vnu.jar)
# needs Java. Install what is missing when we are root; otherwise say exactly how.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the browser and HTML tests: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The browser and HTML tests need: ${missing[*]}." >&2
echo "Install with: sudo apt-get install ${missing[*]}" >&2
exit 1
