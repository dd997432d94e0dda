"""The CAP experiment: two sites, a primary and a replica, a real partition, and what each read mode kept."""
