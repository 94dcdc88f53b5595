#!/usr/bin/env bash
# Every output of one cydlint binary over the corpus, the seed and the rule fixtures, one file per
# (command, format, input), so a refactor that must change no output can be checked byte for byte:
#   scripts/outputs-snapshot.sh BIN OUTDIR    (before and after)   then   diff -r BEFORE AFTER
# Run it from the repository root; SHARED defaults to ../shared.
set -u
bin=$(realpath "$1"); out=$2; shared=${SHARED:-../shared}
mkdir -p "$out"
inputs=()
for f in "$shared"/corpus/filings/*/* "$shared"/seed/*; do inputs+=("$f"); done
while IFS= read -r f; do inputs+=("$f"); done < <(find fixtures/rules -type f | sort)
inputs+=(fixtures/rules)
jobs=()
for f in "${inputs[@]}"; do
  key=$(echo "$f" | tr '/' '_')
  for fmt in human concise json sarif github; do
    jobs+=("check.$fmt.$key|check --no-config --color never --format $fmt $f")
  done
  for fmt in json table; do jobs+=("facts.$fmt.$key|facts --format $fmt $f"); done
  for fmt in terminal json markdown html; do
    jobs+=("scorecard.$fmt.$key|scorecard --no-config --format $fmt $f")
  done
  for fmt in json table; do jobs+=("claims.$fmt.$key|claims --format $fmt $f"); done
  for fmt in table json html; do jobs+=("plan.$fmt.$key|plan --format $fmt $f"); done
done
jobs+=("rules|rules" "test-rules|test-rules rules")
for code in $("$bin" rules | awk '{print $1}'); do jobs+=("explain.$code|explain $code"); done
printf '%s\n' "${jobs[@]}" | while IFS='|' read -r name args; do
  # shellcheck disable=SC2086
  echo "$name" $args
done | xargs -P 2 -n 1 -d '\n' bash -c 'set -f; a=($1); n=${a[0]}; "'"$bin"'" "${a[@]:1}" >"'"$out"'/$n.out" 2>"'"$out"'/$n.err"; echo "rc=$?" >>"'"$out"'/$n.err"' _
ls "$out" | wc -l
