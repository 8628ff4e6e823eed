#!/usr/bin/env bash
# Checks the style the project claims: clang-format (.clang-format) over every C++ source and
# header in git, Prettier (web/.prettierrc.json) and ESLint (web/eslint.config.js) over the web app
# and the browser tests. Prints each file that differs and each lint problem, and exits non-zero if
# there is any. To fix: scripts/check-style.sh --fix (ESLint fixes what it can; the rest is by hand).
set -uo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = "--fix" ] && fix=1
status=0

mapfile -t cxx < <(git ls-files '*.cc' '*.h' | grep -v '^web/')
if [ "$fix" -eq 1 ]; then
  clang-format -i "${cxx[@]}"
else
  bad=0
  for f in "${cxx[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
      echo "clang-format: $f differs (run scripts/check-style.sh --fix)"
      bad=$((bad + 1))
    fi
  done
  echo "clang-format: ${#cxx[@]} files checked, $bad differ"
  [ "$bad" -eq 0 ] || status=1
fi

# ESLint before Prettier, so that with --fix Prettier formats what ESLint rewrote.
if [ -x web/node_modules/.bin/eslint ]; then
  if (cd web && npm run --silent lint -- $([ "$fix" -eq 1 ] && echo --fix)); then
    echo "eslint: no problems"
  else
    status=1
  fi
else
  echo "eslint: web/node_modules is missing (cd web && npm ci)"
  status=1
fi

if [ -x web/node_modules/.bin/prettier ]; then
  (cd web && npm run --silent "$([ "$fix" -eq 1 ] && echo format || echo format:check)") || status=1
else
  echo "prettier: web/node_modules is missing (cd web && npm ci)"
  status=1
fi
exit "$status"
