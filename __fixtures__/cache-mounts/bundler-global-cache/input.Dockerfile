FROM ruby:3.3-slim
ENV BUNDLE_GLOBAL_GEM_CACHE=true
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install --jobs 4
