"""Pulls jobs from a Redis list and records them in Postgres."""
import os

import psycopg
import redis


def main() -> None:
    queue = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    with psycopg.connect(os.environ.get("DATABASE_URL", "postgresql://localhost/jobs")) as db:
        while True:
            _, job = queue.blpop("jobs")
            db.execute("INSERT INTO done (payload) VALUES (%s)", (job.decode(),))
            db.commit()


if __name__ == "__main__":
    main()
