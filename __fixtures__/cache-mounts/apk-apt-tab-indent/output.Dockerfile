FROM alpine:3.19
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \
	apk --cache-dir /var/cache/apk add --update \
	curl \
	jq
