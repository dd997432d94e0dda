"""The edge: the JSON API and storefront pages over any Store; what every architecture puts in front."""
