FROM gradle:8.7-jdk21 AS build
WORKDIR /home/gradle/project
COPY build.gradle settings.gradle ./
RUN gradle dependencies --no-daemon
COPY src ./src
RUN gradle build --offline --no-daemon -x test

FROM eclipse-temurin:21-jre
COPY --from=build /home/gradle/project/build/libs/app.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]
