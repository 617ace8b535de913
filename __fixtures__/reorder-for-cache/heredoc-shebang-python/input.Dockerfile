# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN <<EOF
#!/usr/bin/env python3
import os
os.system("apt-get update")
EOF
CMD ["python3", "app.py"]
