FROM python:3.12
RUN PIP_NO_CACHE_DIR=1 python -m pip install --upgrade pip setuptools wheel
