"""Reading-list service."""
