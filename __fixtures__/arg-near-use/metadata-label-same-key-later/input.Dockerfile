FROM alpine:3.19
ARG GIT_SHA
LABEL revision=$GIT_SHA
RUN apk add --no-cache curl
LABEL revision=release
CMD ["sh"]
