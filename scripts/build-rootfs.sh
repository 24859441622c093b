#!/usr/bin/env bash
# The root file system of the kdoctor image: the single executable, the shared libraries ldd
# names for it, /etc/hosts, /etc/resolv.conf, a CA bundle and a non-root user. Nothing else: no
# shell, no Node.js. The Dockerfile's final stage holds the same files (keep the two in step);
# the bare-root test (test/integration/binary-bare-root.test.ts) runs the binary chrooted here.
#
# Usage: scripts/build-rootfs.sh BINARY ROOTDIR
set -euo pipefail
binary=${1:?usage: build-rootfs.sh BINARY ROOTDIR}
root=${2:?usage: build-rootfs.sh BINARY ROOTDIR}
[ -x "$binary" ] || { echo "build-rootfs: $binary is not an executable (npm run build:binary)" >&2; exit 2; }

rm -rf "$root"
mkdir -p "$root/usr/local/bin" "$root/etc/ssl/certs" "$root/home/kdoctor" "$root/tmp"
chmod 1777 "$root/tmp"
install -m 0755 "$binary" "$root/usr/local/bin/kdoctor"

# Shared libraries, at the paths the dynamic loader looks them up (the loader itself included).
ldd "$binary" | awk '/=> \//{print $3} /^[ \t]*\//{print $1}' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# Name resolution and trust: what the host (or the pod) has.
cp -L /etc/hosts "$root/etc/hosts"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"

# A non-root user (uid 65532, as distroless's "nonroot") with a home for oclif's cache.
printf 'root:x:0:0:root:/root:/sbin/nologin\nkdoctor:x:65532:65532:kdoctor:/home/kdoctor:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nkdoctor:x:65532:\n' > "$root/etc/group"
chown 65532:65532 "$root/home/kdoctor" 2>/dev/null || true
