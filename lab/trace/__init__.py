"""One request's trace drawn across each architecture: `make trace-<arch>`, `make trace-all`."""
