FROM eclipse-temurin:21-jre-jammy
WORKDIR /opt/app
# OpenTelemetry Java agent, pinned
# hadolint ignore=DL3020
ADD https://github.com/open-telemetry/opentelemetry-java-instrumentation/releases/download/v2.10.0/opentelemetry-javaagent.jar /opt/otel/opentelemetry-javaagent.jar
COPY target/app.jar app.jar
ENV JAVA_TOOL_OPTIONS="-javaagent:/opt/otel/opentelemetry-javaagent.jar"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "app.jar"]
