# syntax=docker/dockerfile:1
# careerbot in one small image, for both transports:
#   docker build -t careerbot .
#   docker run --rm -p 8080:8080 -e DISCORD_PUBLIC_KEY=… -e DISCORD_APPLICATION_ID=… careerbot        (HTTP endpoint)
#   docker run --rm -p 9090:9090 -e DISCORD_TOKEN=… -v careerbot-data:/data careerbot serve          (gateway)
# See docs/http.md. The content is baked in and the search index is built here, at build time.

# The toolchain the lockfile is known to build with (some locked crates need Rust 1.90 or later).
ARG RUST_VERSION=1.95

FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /app
# Content and index live at the same paths as in the final image: the index is named after a
# fingerprint of the content files' paths and bytes, so it is found without a rebuild.
ENV CAREERBOT_CONTENT_DIR=/app/content \
    CAREERBOT_INDEX_DIR=/app/index \
    CAREERBOT_DATA_DIR=/app/data
COPY . .
# Cache mounts keep downloaded crates and compiled dependencies between builds (BuildKit).
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/app/target \
    cargo build --release --locked --bin careerbot \
    && cp target/release/careerbot /usr/local/bin/careerbot
# Fail the build on invalid content, then build the index the image will serve.
RUN careerbot check \
    && careerbot index \
    && mkdir -p /app/data

# glibc and libgcc, CA certificates, no shell, no package manager; runs as uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /app
COPY --from=build /usr/local/bin/careerbot /app/careerbot
COPY --from=build /app/content /app/content
# tantivy takes a lock file inside the index folder when it opens a reader, so the user owns it.
COPY --from=build --chown=65532:65532 /app/index /app/index
COPY --from=build --chown=65532:65532 /app/data /data
ENV CAREERBOT_CONTENT_DIR=/app/content \
    CAREERBOT_INDEX_DIR=/app/index \
    CAREERBOT_DATA_DIR=/data \
    CAREERBOT_HTTP_LISTEN=0.0.0.0:8080 \
    CAREERBOT_HTTP_OPS_LISTEN=0.0.0.0:9090 \
    CAREERBOT_LOG_FORMAT=json
USER 65532:65532
VOLUME ["/data"]
# 8080: the interactions endpoint (`http`); 9090: health, readiness and metrics under `serve`.
EXPOSE 8080 9090
# No HEALTHCHECK: the image has no shell or curl; orchestrators probe /healthz and /readyz.
ENTRYPOINT ["/app/careerbot"]
CMD ["http"]
