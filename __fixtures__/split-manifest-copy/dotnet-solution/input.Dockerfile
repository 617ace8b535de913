FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore Shop.sln
RUN dotnet publish src/Shop.Api/Shop.Api.csproj -c Release -o /app --no-restore
