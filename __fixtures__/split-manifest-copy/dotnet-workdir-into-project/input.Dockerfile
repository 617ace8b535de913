FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY . ./

# Restore project dependencies
WORKDIR /source/src/Api
RUN dotnet restore

RUN dotnet publish -c Release -o /app --no-restore
