"""The three-tier bookstore: presentation, application and data tiers as separate servers."""
