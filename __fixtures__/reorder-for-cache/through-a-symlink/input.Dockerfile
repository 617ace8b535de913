FROM ubuntu:24.04
RUN mkdir /symlink
RUN ln -s /symlink /src && rm -rf /symlink
COPY Dockerfile /src/
RUN test -s /symlink/Dockerfile
