# kdoctor as an image for debug pods and sidecars: the single executable, CA certificates and a
# non-root user; no shell, no Node.js. The final stage adds exactly the root file system that
# scripts/build-rootfs.sh builds (the bare-root test runs the binary in that same root):
# change the script, not this file.
#
#   docker build -t kdoctor .
#   kubectl debug -it <pod> --image=<registry>/kdoctor --target=<app> -- kdoctor doctor

# 1. The binary for the build platform (npm run build:binary: esbuild bundle + Node SEA).
FROM node:24-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:binary -- --arch "$(node -p process.arch)" \
 && cp "dist/bin/kdoctor-linux-$(node -p process.arch)" /kdoctor

# 2. The root file system: the binary, the libraries ldd names, hosts, resolv.conf, CA bundle, user.
FROM debian:bookworm-slim AS rootfs
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /kdoctor /kdoctor
COPY scripts/build-rootfs.sh /build-rootfs.sh
RUN bash /build-rootfs.sh /kdoctor /rootfs

# 3. Distroless (glibc and libstdc++ already there) with that root on top.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=rootfs /rootfs/ /
USER 65532:65532
ENV PATH=/usr/local/bin HOME=/home/kdoctor NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["kdoctor"]
