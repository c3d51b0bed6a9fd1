# Any Berth service as a container: the Quarkus fast-jar that `./mvnw package` leaves in the
# module's target/quarkus-app. One file serves every service because they are built and run the
# same way; what differs (the port, the settings) lives in docker-compose.yml and k8s/.
# The build context is the module directory:
#   docker build -f docker/service.Dockerfile -t berth/cluster-service:0.1.0-SNAPSHOT cluster-service
# A service that keeps files names their directory in the DATA_DIR build argument (the
# registry-service: --build-arg DATA_DIR=/var/lib/berth/registry): it is created owned by the
# service's user, so that a fresh volume mounted there is writable.
FROM eclipse-temurin:17-jre
ARG DATA_DIR=""

# curl is what the docker-compose healthcheck calls; the base image does not promise it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin berth \
 && if [ -n "$DATA_DIR" ]; then mkdir -p "$DATA_DIR" && chown 10001 "$DATA_DIR"; fi

WORKDIR /deployments
# Least to most often changed, so a code change rebuilds only the last layers.
# The files stay root-owned: the application only reads them.
COPY target/quarkus-app/lib/ lib/
COPY target/quarkus-app/*.jar ./
COPY target/quarkus-app/app/ app/
COPY target/quarkus-app/quarkus/ quarkus/

# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001

# JAVA_OPTS_APPEND is the per-deployment hook (docker-compose.yml, k8s/berth-config.yaml); JAVA_OPTS_SERVICE the
# flags of one service beyond it (the local stack's StackSettings.SERVICE_JAVA_OPTIONS), last so that they win.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND="" \
    JAVA_OPTS_SERVICE=""
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND $JAVA_OPTS_SERVICE -jar /deployments/quarkus-run.jar"]
