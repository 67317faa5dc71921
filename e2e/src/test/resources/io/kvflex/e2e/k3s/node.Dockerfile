# k3s node image for the e2e k3s backend. The kubelet runs inside this container and execs the
# FlexVolume driver here. rancher/k3s is a static musl busybox userspace WITHOUT a dynamic loader
# or shared libraries, so the driver's bundled Java runtime (jlinked on glibc in the installer
# image) could not start. Strategy: add glibc's loader and libraries (from the same Debian release
# the installer image uses) at the standard paths; nothing of k3s is replaced. amd64 only.
ARG K3S_IMAGE=rancher/k3s:v1.31.5-k3s1
FROM debian:12.10-slim AS glibc

FROM ${K3S_IMAGE}
COPY --from=glibc /usr/lib/x86_64-linux-gnu/ /lib/x86_64-linux-gnu/
COPY --from=glibc /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
