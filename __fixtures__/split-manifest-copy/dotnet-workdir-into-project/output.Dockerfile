FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source

# Restore project dependencies
WORKDIR /source/src/Api
COPY src/Api/Api.csproj /source/src/Api/
COPY src/Core/Core.csproj /source/src/Core/
RUN dotnet restore
COPY . /source/

RUN dotnet publish -c Release -o /app --no-restore
