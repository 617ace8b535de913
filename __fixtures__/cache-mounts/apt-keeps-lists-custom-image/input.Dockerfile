FROM registry.example.com/platform/base:2024.06
RUN apt-get update && apt-get install -y --no-install-recommends curl
CMD ["bash"]
