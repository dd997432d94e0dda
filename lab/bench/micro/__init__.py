"""`make bench-micro`: the most one endpoint can serve, for the floor, the hop pairs and every architecture."""
