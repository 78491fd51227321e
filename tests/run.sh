#!/usr/bin/env bash
# Runs every test from a fresh clone. Installs what the tests need (idempotently), builds once,
# runs all test assemblies, and ends with one line "N passed, N failed" summed over them.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium drives the browser tests (Playwright cannot download its own browser here);
# a CJK font makes the chat page's screenshot readable.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-liberation)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || packages+=(fonts-wqy-zenhei)
# PDF text extraction runs Debian's pdftotext (the PDF extractor's tests use it).
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
# The system SQLite is preferred over the bundled one (see SqliteNativeLibrary); tests run what production runs.
dpkg -s libsqlite3-0 >/dev/null 2>&1 || packages+=(libsqlite3-0)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${packages[*]} ..."
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || { echo "Could not install ${packages[*]} with apt-get."; echo "0 passed, 0 failed"; exit 1; }
fi

if ! dotnet build CustomerService.sln -c Release -nologo -v quiet; then
  echo "The build failed; no test ran."
  echo "0 passed, 0 failed"
  exit 1
fi

log=$(mktemp)
dotnet test CustomerService.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -oE '(Passed|Failed)!? +- +Failed: +[0-9]+, Passed: +[0-9]+' "$log" | grep -oE 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE '(Passed|Failed)!? +- +Failed: +[0-9]+' "$log" | grep -oE 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failing test (a crashed test host?)."
  failed=1
fi

# The eval suites, gated on the committed baseline: a case that newly fails, or a suite whose pass rate
# drops beyond its tolerance, fails the run. Failures the baseline records are listed, not gated.
log=$(mktemp)
NO_COLOR=1 dotnet run --project evals/CustomerService.Evals -c Release --no-build -- \
  run evals/suites --baseline evals/baseline/report.json --out evals/out 2>&1 | tee "$log"
evals_status=${PIPESTATUS[0]}
evals_passed=$(grep -oE '^Evals: [0-9]+ passed' "$log" | grep -oE '[0-9]+' | head -1)
new_failures=$(grep -oE '^Baseline: [0-9]+ new failures' "$log" | grep -oE '[0-9]+' | head -1)
rm -f "$log"
passed=$((passed + ${evals_passed:-0}))
failed=$((failed + ${new_failures:-0}))
if [ "$evals_status" -ne 0 ] && [ "${new_failures:-0}" -eq 0 ]; then
  echo "The eval gate failed (exit $evals_status) without a new failing case: a metric drop or bad input, see above."
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$evals_status" -eq 0 ] && [ "$failed" -eq 0 ]
