"""Containers, compose files and Kubernetes manifests for every architecture, generated from its topology."""
