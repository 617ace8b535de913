FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /source
COPY src/Api/Api.csproj ./src/Api/
COPY src/Core/Core.csproj ./src/Core/

# Restore project dependencies
WORKDIR /source/src/Api
RUN dotnet restore
COPY . /source/

RUN dotnet publish -c Release -o /app --no-restore
