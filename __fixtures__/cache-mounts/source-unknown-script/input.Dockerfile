FROM ubuntu:22.04
COPY env.sh /env.sh
RUN . /env.sh && pip install -r requirements.txt
