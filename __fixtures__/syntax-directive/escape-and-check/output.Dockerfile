# syntax=docker/dockerfile:1
# escape=`
# check=error=true
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
RUN echo hi
