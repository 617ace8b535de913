FROM centos:7
RUN yum -C install -y vim
