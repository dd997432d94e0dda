"""Application tier: every business rule behind an internal HTTP API; the only tier that talks to the database."""
