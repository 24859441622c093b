#!/usr/bin/env bash
# (3) kdoctor --version vs bare node: what the CLI costs before it does anything.
source "$(dirname "$0")/lib.sh"
hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json bench/results/startup.json \
  -n node "node -e 0" \
  -n "kdoctor --version" "node bin/run.js --version" \
  -n "kdoctor connect --help" "node bin/run.js connect --help"
node bench/ratio.mjs bench/results/startup.json node
