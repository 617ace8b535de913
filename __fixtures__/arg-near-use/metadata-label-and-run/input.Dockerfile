FROM alpine:3.19
ARG VERSION=1.0
LABEL version=$VERSION
RUN apk add --no-cache curl
RUN echo "$VERSION" > /version
CMD ["sh"]
