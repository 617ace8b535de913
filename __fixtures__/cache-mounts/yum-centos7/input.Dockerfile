FROM centos:7
RUN yum install -y epel-release \
 && yum install -y python3 \
 && yum clean all \
 && rm -rf /var/cache/yum
