#!/usr/bin/env bash
# (4) Peak RSS and wall time of kdoctor doctor on the rig, beside node -e 0 and kdoctor connect
# (details and scenarios: bench/doctor-rss.ts). Target: peak RSS ≤ 120 MB.
source "$(dirname "$0")/lib.sh"
[ -x /usr/bin/time ] || need /usr/bin/time time
[ -f dist/commands/doctor.js ] || npm run build >/dev/null
start_broker
node --import tsx bench/doctor-rss.ts
