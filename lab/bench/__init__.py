"""The bench: measured runs of each profile, campaigns of them, scaling and replicas, the framework floor."""
