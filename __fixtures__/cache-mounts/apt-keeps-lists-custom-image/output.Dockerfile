FROM registry.example.com/platform/base:2024.06
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl
CMD ["bash"]
