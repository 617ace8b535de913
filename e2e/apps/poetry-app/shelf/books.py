"""The books on the shelf, keyed by slug."""
from acme_textutils import slugify

TITLES = [
    "The Pragmatic Programmer",
    "Designing Data-Intensive Applications",
    "A Philosophy of Software Design",
]


def shelf():
    return {slugify(title): {"title": title, "read": False} for title in TITLES}
