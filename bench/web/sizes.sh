#!/usr/bin/env bash
# Prints gzip sizes of the built web app (web/dist) and of the WebAssembly engine.
#   bench/web/sizes.sh [dist-dir]
# "first load" = the JS and CSS that index.html loads before any page chunk: the entry script,
# its static imports (modulepreload) and the stylesheets. Page chunks, ECharts and translations
# other than the current language load later. Budgets (issue 5): first load <= 300 KB gzip JS+CSS;
# WebAssembly engine <= 1 MB gzip. Figures only: this script never fails on a size.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="${1:-$root/web/dist}"
if [ ! -f "$dist/index.html" ]; then
  echo "sizes: $dist/index.html not found; build first (web/build.sh)" >&2
  exit 2
fi

gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

printf '%-48s %10s %10s\n' "asset" "raw KB" "gzip KB"
total_raw=0
total_gz=0
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  g=$(gz "$f")
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + g))
  printf '%-48s %10s %10s\n' "${f#"$dist"/}" "$(kb "$raw")" "$(kb "$g")"
done < <(find "$dist" -type f \( -name '*.js' -o -name '*.css' -o -name '*.mjs' -o -name '*.wasm' \) | sort)
printf '%-48s %10s %10s\n' "all JS, CSS and WebAssembly" "$(kb "$total_raw")" "$(kb "$total_gz")"

# First load: everything index.html references (script src, modulepreload, stylesheet).
first=0
for ref in $(grep -oE '(src|href)="/assets/[^"]+\.(js|css)"' "$dist/index.html" | sed -E 's/.*="\/(.*)"/\1/' | sort -u); do
  first=$((first + $(gz "$dist/$ref")))
done
# Plus the English texts (the entry loads one language before the first render) ...
for f in "$dist"/assets/i18n-en-*.js; do
  [ -f "$f" ] && first=$((first + $(gz "$f")))
done
# ... and, as an upper bound for any first page, every page chunk except the lazily loaded chart
# library and the other languages.
upper=$first
while IFS= read -r f; do
  upper=$((upper + $(gz "$f")))
done < <(find "$dist/assets" -name '*.js' ! -name 'index-*' ! -name 'i18n-*' ! -name 'thickness_chart-*' | sort)
echo
printf 'first load (entry JS + CSS + English texts), gzip: %s KB (budget 300 KB)\n' "$(kb "$first")"
printf 'first load upper bound (+ every page chunk but the chart), gzip: %s KB (budget 300 KB)\n' \
  "$(kb "$upper")"
chart=0
for f in "$dist"/assets/thickness_chart-*.js; do [ -f "$f" ] && chart=$((chart + $(gz "$f"))); done
printf 'ECharts chunk (loaded only with a thickness result), gzip: %s KB\n' "$(kb "$chart")"
if compgen -G "$dist/engine/*.wasm" >/dev/null; then
  engine=0
  for f in "$dist"/engine/*.wasm "$dist"/engine/*.mjs; do engine=$((engine + $(gz "$f"))); done
  printf 'WebAssembly engine (wasm + loader), gzip: %s KB (budget 1024 KB)\n' "$(kb "$engine")"
else
  echo "WebAssembly engine: not in the build (scripts/build-wasm.sh not run)"
fi
