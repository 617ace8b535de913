FROM gradle:8.8-jdk21 AS build
COPY --chown=gradle:gradle . /home/gradle/src
WORKDIR /home/gradle/src
RUN --mount=type=cache,target=/home/gradle/.gradle/caches,sharing=locked --mount=type=cache,target=/home/gradle/.gradle/wrapper,sharing=locked gradle build --no-daemon

FROM eclipse-temurin:21-jre
COPY --from=build /home/gradle/src/build/libs/*.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
