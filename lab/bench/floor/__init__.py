"""The framework floor: a bare gunicorn + Flask JSON endpoint, measured beside every architecture."""
