FROM alpine:3.19
ARG VERSION
LABEL version=$VERSION-$FLAVOR
RUN apk add --no-cache curl
ENV FLAVOR=slim
CMD ["sh"]
