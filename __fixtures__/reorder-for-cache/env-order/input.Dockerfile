FROM ruby:3.3-slim
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT=development:test
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
ENV RAILS_LOG_TO_STDOUT=1
ENV RAILS_SERVE_STATIC_FILES=1
RUN bundle exec rails assets:precompile
