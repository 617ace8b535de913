FROM opensuse/leap:15.6
RUN zypper --root /target --non-interactive install -y bash
