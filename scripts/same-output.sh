#!/usr/bin/env bash
# Writes every output of a cydlint binary that a performance change must leave alone into a
# folder, so that two builds can be compared byte for byte (docs/performance.md):
#
#   scripts/same-output.sh OLD_BINARY /tmp/before
#   scripts/same-output.sh target/release/cydlint /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# Inputs: every corpus filing (../shared, or $CYDLINT_SHARED), the seed, every fixture file
# and the two-file set. Outputs: `check` in every format (human plain and in colour, with
# and without -v; concise; json, also with -v; sarif; github), the corpus as a directory with
# --separate, --output-file and a written and a read baseline; `facts` (json, table),
# `scorecard` (all four formats) and `claims` (json, table) of every filing; `rules`,
# `explain` of every rule and code and of the lexicon, `test-rules` of the fixtures, and a
# user pack with broken rules. What differs run to run — the human report's elapsed time and
# the scorecard's generation time — is masked.
set -uo pipefail
bin=$(realpath "$1")
out=$2
cd "$(dirname "$0")/.."
shared=${CYDLINT_SHARED:-../shared}
rm -rf "$out" && mkdir -p "$out"
mask() { sed -E -e 's/\[[0-9]+\.[0-9]+s\]/[T]/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIMESTAMP/g'; }
run() { # name, args...
  local name=$1; shift
  { "$bin" "$@" 2>"$out/$name.err"; echo "exit $?"; } | mask >"$out/$name.out"
  mask <"$out/$name.err" >"$out/$name.err2" && mv "$out/$name.err2" "$out/$name.err"
}
inputs=()
for d in "$shared"/corpus/filings/*/; do inputs+=("${d%/}"); done
for f in "$shared"/seed/* fixtures/ixbrl/* fixtures/examples/* fixtures/rules/*/*/*; do inputs+=("$f"); done
i=0
for p in "${inputs[@]}"; do
  i=$((i + 1))
  n=$(printf '%03d' "$i")
  echo "$p" >"$out/$n.path"
  run "$n.human" check --no-config --color never "$p"
  run "$n.human-v" check --no-config --color never -v "$p"
  run "$n.human-color" check --no-config --color always "$p"
  run "$n.concise" check --no-config --format concise "$p"
  run "$n.json" check --no-config --format json "$p"
  run "$n.json-v" check --no-config --format json -v "$p"
  run "$n.sarif" check --no-config --format sarif "$p"
  run "$n.github" check --no-config --format github "$p"
  run "$n.facts-json" facts --format json "$p"
  run "$n.facts-table" facts --format table "$p"
  for f in terminal html json markdown; do run "$n.scorecard-$f" scorecard --format "$f" "$p"; done
  run "$n.claims-json" claims --format json "$p"
  run "$n.claims-table" claims --format table --all "$p"
done
corpus="$shared/corpus/filings"
run dir.json check --no-config --separate --format json "$corpus"
run dir.human check --no-config --separate --color never "$corpus"
run dir.outfiles check --no-config --separate --format concise \
  --output-file "sarif=$out/dir.outfile.sarif" --output-file "json=$out/dir.outfile.json" "$corpus"
run dir.write-baseline check --no-config --separate --write-baseline "$out/baseline.json" "$corpus"
run dir.read-baseline check --no-config --separate --format json --baseline "$out/baseline.json" "$corpus"
run dir.facts facts --format json "$corpus"
run dir.scorecard scorecard --format json "$corpus"
run rules-table rules
run rules-json rules --format json
for id in $("$bin" rules --format json | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'); do
  run "explain-$id" explain "$id"
done
for code in read:binary read:xml-attribute config:unused-suppression lexicon; do run "explain-${code/:/-}" explain "$code"; done
run test-rules test-rules rules
bad=$(mktemp -d)
mkdir -p "$bad/pack" "$bad/user"
printf 'id: X-1\nname: bad\ntitle: t\nseverity: warning\ncheck:\n  kind: text-match\n  scope: [{section: item-1c}]\n  patterns: ["(unclosed"]\nmessage: m\n' >"$bad/pack/X-1.yaml"
printf 'id: X-2\nname: bad-topic\ntitle: t\nseverity: warning\ncheck:\n  kind: claim\n  topic: no-such-topic\n  status: affirmed\nmessage: m\n' >"$bad/pack/X-2.yaml"
# A valid user pack: three built-in rules under new ids and names.
for id in CYD-X-023 CYD-8K-003 CYD-TXT-001; do
  sed -e "s/^id: .*/id: U-$id/" -e "s/^name: \(.*\)/name: user-\1/" "rules/$id.yaml" >"$bad/user/U-$id.yaml"
done
run bad-pack check --no-config --rules "$bad/pack" fixtures/examples/example-10k.htm
for p in "$shared"/corpus/filings/*/ fixtures/examples/example-10k.htm; do
  n=$(basename "$p")
  run "user-pack-$n" check --no-config --format json --rules "$bad/user" "$p"
done
run user-pack-rules rules --format json --rules "$bad/user"
sed -i "s#$bad#BAD#g" "$out"/bad-pack.* "$out"/user-pack-*
rm -rf "$bad"
# The output folder is named in a message of --write-baseline.
sed -i "s#$out#OUT#g" "$out"/dir.*
echo "wrote $(ls "$out" | wc -l) files to $out"
