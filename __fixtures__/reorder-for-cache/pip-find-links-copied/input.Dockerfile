FROM python:3.12 AS wheelbuilder
COPY dist/*.whl /wheels/
RUN pip wheel --wheel-dir /wheels /wheels/*.whl

FROM python:3.12-slim
COPY --from=wheelbuilder /wheels /wheels
RUN pip install --no-index --find-links=/wheels mitmproxy
