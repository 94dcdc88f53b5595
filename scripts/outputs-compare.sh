#!/usr/bin/env bash
# Compares two scripts/outputs-snapshot.sh folders byte for byte, but for what differs from run
# to run by design: elapsed times (`[0.29s]`, `elapsed_ms`) and timestamps (`generated`, the
# scorecard's provenance). Prints each file that differs, with its diff; exit 0 when none does.
set -u
a=$1; b=$2
norm() {
  sed -E 's/\[[0-9]+\.[0-9]+s\]/[TIME]/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/[STAMP]/g; s/("elapsed[a-z_]*": *)[0-9.]+/\1[TIME]/g' "$1"
}
status=0; n=0
for f in "$a"/*; do
  name=$(basename "$f"); n=$((n + 1))
  if [ ! -e "$b/$name" ]; then echo "only in $a: $name"; status=1; continue; fi
  if ! cmp -s "$f" "$b/$name" && ! diff -q <(norm "$f") <(norm "$b/$name") >/dev/null; then
    echo "differs: $name"; diff <(norm "$f") <(norm "$b/$name") | head -20; status=1
  fi
done
for f in "$b"/*; do [ -e "$a/$(basename "$f")" ] || { echo "only in $b: $(basename "$f")"; status=1; }; done
echo "$n files compared; $([ $status = 0 ] && echo 'all identical (times and timestamps aside)' || echo 'some differ')"
exit $status
