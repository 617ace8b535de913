FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY . .
RUN ./mvnw -B dependency:go-offline
RUN ./mvnw -B -o package -DskipTests
