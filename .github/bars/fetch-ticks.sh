#!/usr/bin/env bash
# fetch-ticks.sh SYMBOL YYYY-MM DIR: puts the month's tick files of SYMBOL into DIR.
# An example only: it copies the repository's sample ticks. Replace the copy with your vendor's
# download (TrueFX, HistData, Dukascopy: tickbars detects their layouts).
set -euo pipefail
symbol=$1 month=$2 dir=$3
mkdir -p "$dir"
cp testdata/sample/*.csv "$dir/"
echo "fetched $symbol $month into $dir"
