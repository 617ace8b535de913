FROM ruby:3.3-slim
WORKDIR /app
ENV BUNDLE_FROZEN=true BUNDLE_WITHOUT=development:test
COPY . .
RUN bundle install --jobs 4 --retry 3
CMD ["bundle", "exec", "puma"]
