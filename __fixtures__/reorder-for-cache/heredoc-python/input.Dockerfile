# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python3 <<EOF
import subprocess
subprocess.run(["apt-get", "update"], check=True)
EOF
CMD ["python3", "app.py"]
