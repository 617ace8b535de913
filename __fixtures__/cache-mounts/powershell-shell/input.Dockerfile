FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04
SHELL ["pwsh", "-Command"]
RUN apt-get update; apt-get install -y curl
