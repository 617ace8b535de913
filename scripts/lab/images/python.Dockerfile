# Stand-in for the official python:3.11-slim image, built by scripts/lab/setup.sh
# from Debian bookworm's python3 (3.11). PyPI is not reachable from this machine:
# pip is pointed at a local index (127.0.0.1, served by the e2e suite while it
# builds; builds use --network=host). Debian's "externally managed" marker is
# removed so `pip install` works system-wide as in the official image.
FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip python3-venv \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED \
 && ln -s /usr/bin/python3 /usr/local/bin/python \
 && ln -s /usr/bin/pip3 /usr/local/bin/pip \
 && python --version && pip --version
ARG PYPI_PORT=38765
ENV LANG=C.UTF-8 \
    PYTHON_VERSION=3.11 \
    PIP_INDEX_URL=http://127.0.0.1:${PYPI_PORT}/simple/ \
    PIP_DISABLE_PIP_VERSION_CHECK=1
CMD ["python3"]
