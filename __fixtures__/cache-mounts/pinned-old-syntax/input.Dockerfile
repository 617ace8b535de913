# syntax=docker/dockerfile:1.1
FROM node:20
RUN npm ci
