FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY Shop.sln Directory.Build.props ./
COPY src/Shop.Api/Shop.Api.csproj ./src/Shop.Api/
COPY src/Shop.Core/Shop.Core.csproj ./src/Shop.Core/
RUN dotnet restore Shop.sln
COPY . .
RUN dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o /app --no-restore
