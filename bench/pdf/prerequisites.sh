# Bench-only packages (never installed by ./test or ./typeset): pandoc + XeLaTeX with Russian, PT fonts, time, poppler.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.ci/prerequisites.sh"
BENCH_PDF_PACKAGES=(pandoc texlive-xetex texlive-lang-cyrillic texlive-plain-generic texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended lmodern fonts-paratype poppler-utils time)
