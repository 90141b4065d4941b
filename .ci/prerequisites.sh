# Installs the Debian packages Typeset needs, only those missing (idempotent). Sourced by ./typeset and ./test.
# Runtime: Hunspell + Russian dictionary, Russian hyphenation patterns, PT fonts, Tesseract with Russian and English,
# ghostscript's ICC profiles (libgs-common: the CMYK output intent of the print PDF).
TYPESET_RUNTIME_PACKAGES=(libhunspell-1.7-0 hunspell-ru hyphen-ru fonts-paratype tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng tesseract-ocr-osd libgs-common)
# Tests also check the outputs with the tools editors and printers use; the review page is tested in headless Chromium.
# Ghostscript renders the print PDF into CMYK separations (type must be on the K plate alone); Ace (npm, below) checks
# EPUB accessibility in Chromium.
TYPESET_TEST_PACKAGES=(poppler-utils qpdf epubcheck chromium ghostscript)
TYPESET_ACE_VERSION=1.4.6
# Russian morphology: OpenCorpora's dictionary in pymorphy2's format, as shipped by the npm package az (pinned). Installed
# per user, outside the repository, so every checkout and CI find it where the library looks by default.
TYPESET_MORPHOLOGY_PACKAGE=az@0.2.3
TYPESET_MORPHOLOGY_DEFAULT="${XDG_DATA_HOME:-${HOME:-/root}/.local/share}/typeset/az-0.2.3/node_modules/az/dicts"

typeset_ensure_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "typeset: need root to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "typeset: installing ${missing[*]}" >&2
  # hyphen-ru recommends LibreOffice: --no-install-recommends keeps it out.
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

typeset_ensure_dotnet() {
  if ! command -v dotnet >/dev/null; then
    echo "typeset: the .NET 10 SDK is required (dotnet not on PATH)" >&2
    return 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  # A 128 MB first-generation GC budget for the CLI (and the benchmarks, which run the built CLI the same way): layout
  # allocates briskly on every core, and with the default budget the threads of a PDF build spent about a third of their
  # time stopped for collections (about 10 % faster, 60 MB more). The runtime reads this one from the environment only.
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x8000000}"
}

# Ace by DAISY, the EPUB accessibility checker (npm @daisy/ace-cli, pinned), run with Debian's Chromium: puppeteer is told
# not to download a browser of its own. Installed only when missing or of another version.
typeset_ensure_ace() {
  if [ "$(ace-cli --version 2>/dev/null)" = "$TYPESET_ACE_VERSION" ]; then
    return 0
  fi
  # npm from Debian only when there is none (a Node.js from elsewhere brings its own).
  command -v npm >/dev/null || typeset_ensure_packages npm
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "typeset: need root to install @daisy/ace-cli" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "typeset: installing @daisy/ace-cli $TYPESET_ACE_VERSION" >&2
  "${sudo[@]}" env PUPPETEER_SKIP_DOWNLOAD=1 npm install -g --no-fund --no-audit --loglevel=error "@daisy/ace-cli@$TYPESET_ACE_VERSION" >&2
}

# Installs the morphology dictionary (npm az, pinned) where the library finds it by default, only when it is missing.
# TYPESET_MORPHOLOGY (a dicts folder) or paths.morphology in pipeline.json point elsewhere: then nothing is installed here.
typeset_ensure_morphology() {
  if [ -n "${TYPESET_MORPHOLOGY:-}" ]; then
    [ -f "$TYPESET_MORPHOLOGY/words.dawg" ] || echo "typeset: TYPESET_MORPHOLOGY=$TYPESET_MORPHOLOGY has no words.dawg" >&2
    return 0
  fi
  [ -f "$TYPESET_MORPHOLOGY_DEFAULT/words.dawg" ] && return 0
  command -v npm >/dev/null || typeset_ensure_packages npm
  local prefix="${TYPESET_MORPHOLOGY_DEFAULT%/node_modules/az/dicts}"
  local staging="$prefix.partial.$$"
  echo "typeset: installing $TYPESET_MORPHOLOGY_PACKAGE (Russian morphology) into $prefix" >&2
  rm -rf "$staging" && mkdir -p "$staging"
  # Installed beside and renamed into place, so an interrupted install never looks complete.
  if npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error "$TYPESET_MORPHOLOGY_PACKAGE" >&2 &&
     [ -f "$staging/node_modules/az/dicts/words.dawg" ]; then
    rm -rf "$prefix" && mv "$staging" "$prefix"
  else
    rm -rf "$staging"
    echo "typeset: could not install $TYPESET_MORPHOLOGY_PACKAGE with npm" >&2
    return 1
  fi
}
