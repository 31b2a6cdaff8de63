#!/bin/sh
# Vendor GOV.UK Frontend's released stylesheet into dashboard/static/govuk/ (see README.md here).
# Usage: sh dashboard/static/govuk/vendor.sh 6.6.0
set -eu
version="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "govuk-frontend@$version" >/dev/null && tar xzf "govuk-frontend-$version.tgz")
# The GDS Transport font is for GOV.UK domains only: drop its @font-face rules, so pages use Arial.
sed -E 's/@font-face\{font-family:GDS Transport;[^}]*\}//g' \
  "$work/package/dist/govuk/govuk-frontend.min.css" >"$here/govuk-frontend.min.css"
echo "$version" >"$here/VERSION"
echo "vendored govuk-frontend $version"
