FROM ruby:3.3
WORKDIR /gem
COPY . .
RUN bundle install
CMD ["bundle", "exec", "rake"]
