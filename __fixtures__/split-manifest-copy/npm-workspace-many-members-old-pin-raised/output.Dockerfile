# syntax=docker/dockerfile:1
FROM node:20-slim AS build
WORKDIR /repo
COPY --parents --chown=node:node package.json package-lock.json \
    apps/admin/package.json \
    apps/api/package.json \
    apps/web/package.json \
    apps/worker/package.json \
    packages/auth/package.json \
    packages/billing/package.json \
    packages/catalog/package.json \
    packages/checkout/package.json \
    packages/config/package.json \
    packages/email/package.json \
    packages/logger/package.json \
    packages/search/package.json \
    packages/ui/package.json \
    packages/utils/package.json ./
RUN npm ci
COPY --chown=node:node . .
RUN npm run build --workspaces
