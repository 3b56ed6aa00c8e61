# syntax=docker/dockerfile:1
# mlship's container images. Default target: a native executable (Mandrel) on Debian slim.
#   docker build -t mlship .                  native; the build needs ~10 GB of memory and takes minutes
#   docker build --target jvm -t mlship:jvm .  JVM mode on a JRE 25, with an AOT cache for start-up
# Both run as root on purpose: GitHub runs Docker actions as root, and a non-root user could not
# write to the mounted GITHUB_WORKSPACE.

ARG MANDREL_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25

# ---- Java build (shared) ----------------------------------------------------------------------
FROM eclipse-temurin:25-jdk AS source
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src src

# ONNX Runtime's libraries, taken out of its jar once here so no container run extracts them again.
FROM source AS jvm-build
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -DskipTests \
 && mkdir -p /out/lib && cd /out/lib \
 && jar xf /src/target/quarkus-app/lib/main/com.microsoft.onnxruntime.onnxruntime-*.jar ai/onnxruntime/native/linux-x64 \
 && mv ai/onnxruntime/native/linux-x64/*.so . && rm -rf ai

# native-image's inputs (the jar, its libraries, native-image.args) made with the JDK; the Mandrel
# stage below only compiles them.
FROM source AS native-sources
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp package -Pnative -DskipTests \
       -Dquarkus.native.sources-only=true -Dquarkus.native.container-build=false \
 && mkdir -p /out/lib && cd /out/lib \
 && jar xf /src/target/native-sources/lib/com.microsoft.onnxruntime.onnxruntime-*.jar ai/onnxruntime/native/linux-x64 \
 && mv ai/onnxruntime/native/linux-x64/*.so . && rm -rf ai

FROM ${MANDREL_IMAGE} AS native
COPY --from=native-sources --chown=1001:1001 /src/target/native-sources /project
WORKDIR /project
RUN native-image $(cat native-image.args) && ./mlship-runner --version

# ---- JVM image: docker build --target jvm -------------------------------------------------------
FROM eclipse-temurin:25-jre AS jvm
# OpenBLAS for Smile's linear algebra (Smile opens the unversioned libopenblas.so), gfortran and
# OpenMP runtimes, git for the commit a run is tagged with.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libopenblas0-pthread libgfortran5 libgomp1 git ca-certificates \
 && for so in /usr/lib/*-linux-gnu/libopenblas.so.0; do ln -sf libopenblas.so.0 "${so%.0}"; done \
 && git config --system --add safe.directory '*' \
 && rm -rf /var/lib/apt/lists/*
COPY --from=jvm-build /src/target/quarkus-app /opt/mlship/app
COPY --from=jvm-build /out/lib /usr/lib/mlship
COPY --chmod=755 src/main/docker/mlship-jvm /usr/local/bin/mlship
ENV MLSHIP_NATIVE_LIB_DIR=/usr/lib/mlship
# The AOT cache is recorded by one full run of the bundled example (it loads what --version,
# validate and run load), then checked by a run that uses it.
COPY examples/credit-risk /tmp/aot-training
RUN MLSHIP_AOT_OUTPUT=/opt/mlship/mlship.aot mlship run /tmp/aot-training --out /tmp/aot-out >/dev/null \
 && mlship --version && mlship validate /tmp/aot-training \
 && rm -rf /tmp/aot-training /tmp/aot-out /tmp/mlship-cache
ENTRYPOINT ["mlship"]

# ---- Native image (default target) --------------------------------------------------------------
FROM debian:trixie-slim
# glibc and libstdc++ for ONNX Runtime; OpenBLAS (Smile opens the unversioned libopenblas.so),
# gfortran and OpenMP runtimes; git for the commit a run is tagged with; /bin/sh comes with the base.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libstdc++6 libopenblas0-pthread libgfortran5 libgomp1 git ca-certificates \
 && for so in /usr/lib/*-linux-gnu/libopenblas.so.0; do ln -sf libopenblas.so.0 "${so%.0}"; done \
 && git config --system --add safe.directory '*' \
 && rm -rf /var/lib/apt/lists/*
COPY --from=native-sources /out/lib /usr/lib/mlship
COPY --from=native /project/mlship-runner /usr/local/bin/mlship
ENV MLSHIP_NATIVE_LIB_DIR=/usr/lib/mlship
ENTRYPOINT ["mlship"]
