# escape=`
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
WORKDIR C:\src
ADD https://dist.nuget.org/win-x86-commandline/v6.11.0/nuget.exe C:\tools\nuget.exe
COPY . .
RUN C:\tools\nuget.exe restore App.sln; `
    msbuild App.sln /p:Configuration=Release
