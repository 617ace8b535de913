FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository,sharing=locked mvn -B -pl common -am install -DskipTests && mvn -B -pl service package -DskipTests

FROM eclipse-temurin:21-jre
COPY --from=build /src/service/target/service.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
