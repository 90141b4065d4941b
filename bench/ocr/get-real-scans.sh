#!/usr/bin/env bash
# Fetches the real scans and photos listed in real-scans.tsv into $REAL_SCANS (default /work/data/real-scans), one
# folder per source repository, each file taken at the commit the manifest names. They stay outside this repository
# (their licences are in the manifest and the README). Needs git and access to the repositories' host ($REAL_SCANS_GIT).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${REAL_SCANS:-/work/data/real-scans}"
host="${REAL_SCANS_GIT:-https://github.com}"
clones="$(mktemp -d)"
trap 'rm -rf "$clones"' EXIT
grep -v '^#' "$here/real-scans.tsv" | while IFS=$'\t' read -r _ _ repository commit path _; do
  [ "$commit" = "-" ] && continue  # made here from fetched pages (make-spreads.sh, make-curved.sh), not fetched
  folder="$target/${repository#*/}"
  file="$folder/$(basename "$path")"
  [ -s "$file" ] && continue
  clone="$clones/${repository//\//+}"
  if [ ! -d "$clone" ]; then
    git clone -q --filter=blob:none --no-checkout "$host/$repository" "$clone"
  fi
  mkdir -p "$folder"
  git -C "$clone" show "$commit:$path" > "$file.tmp" && mv "$file.tmp" "$file"
done
"$here/make-spreads.sh"
"$here/make-curved.sh"
echo "real scans in $target"
