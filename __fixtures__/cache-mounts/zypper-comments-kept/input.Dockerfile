FROM registry.suse.com/suse/sle15:15.3
RUN zypper addrepo --no-check https://packages.microsoft.com/config/sles/15/mssql-server-2019.repo && \
    zypper refresh packages-microsoft-com-mssql-server-2019 && \
    # install mssql-server
    zypper install --no-confirm --auto-agree-with-licenses --no-recommends mssql-server && \
    zypper clean --all && \
    # post installation of SQL Server the mssql user/group is created
    # so set the right permissions to the msssql folder
    mkdir -p -m 770 /var/opt/mssql && \
    chown -R mssql /var/opt/mssql
