"""The bookstore domain shared by every architecture: bounded contexts, edge layer, seed data."""
