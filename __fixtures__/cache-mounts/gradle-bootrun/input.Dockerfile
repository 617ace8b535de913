FROM eclipse-temurin:21-jdk
WORKDIR /app
COPY . .
RUN ./gradlew --no-daemon assemble
CMD ["./gradlew", "bootRun"]
