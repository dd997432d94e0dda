"""The one-tier monolith: presentation, logic and data in one process (SQLite, or PostgreSQL as two-tier)."""
