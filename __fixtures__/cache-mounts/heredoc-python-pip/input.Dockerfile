# syntax=docker/dockerfile:1
FROM python:3.12-slim
COPY requirements.txt .
RUN python3 <<EOF
import os
os.system("pip install -r requirements.txt")
EOF
