# Build the API server image.
# Maintained by the platform team.
FROM python:3.12-slim
RUN pip install flask
