# Shared by the bench scripts: tools, the local broker, the built CLI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench/results

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq "$2" >/dev/null; else sudo apt-get install -y -qq "$2" >/dev/null; fi
}

need hyperfine hyperfine
[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f dist/commands/connect.js ] || npm run build >/dev/null
rig() { node -e "const r=require(process.env.KDOCTOR_RIG_HOME ? require('path').resolve(process.env.KDOCTOR_RIG_HOME, 'rig.json') : './.kafka/rig.json'); console.log($1)"; }
start_broker() { node test/kafka/rig.mjs start; }
