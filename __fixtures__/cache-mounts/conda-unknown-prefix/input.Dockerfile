FROM ubuntu:22.04
RUN /opt/miniforge/bin/conda install -y numpy
