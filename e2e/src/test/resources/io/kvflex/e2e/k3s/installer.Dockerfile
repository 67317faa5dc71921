# The installer image for the e2e k3s backend: the same layout as deployment/installer/Dockerfile
# (stages 2 and 3), made from the plugin folder this build already produced instead of rebuilding
# the driver inside Docker. Context: plugin/ (driver/target/plugin/azure~kv) and the installer
# scripts from deployment/installer/.
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-jammy
ARG BASE_IMAGE=debian:12.10-slim

FROM ${JDK_IMAGE} AS runtime
WORKDIR /work
COPY plugin/lib lib
COPY runtime-modules.txt check-runtime-modules.sh build-runtime.sh ./
RUN sh build-runtime.sh lib runtime-modules.txt /runtime --strip-debug --compress=2

FROM ${BASE_IMAGE}
COPY plugin /opt/kvflex/azure~kv
COPY --from=runtime /runtime /opt/kvflex/azure~kv/runtime
COPY install.sh /opt/kvflex/install.sh
RUN chmod 0755 /opt/kvflex/install.sh /opt/kvflex/azure~kv/kv
ENV KVFLEX_PLUGIN_SOURCE=/opt/kvflex/azure~kv
ENTRYPOINT ["/opt/kvflex/install.sh"]
