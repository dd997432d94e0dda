"""Building and running the lab's images: the engine, stand-ins for base images no registry serves, compose runs."""
