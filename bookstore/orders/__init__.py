"""Orders: placing an order across catalog and shipping, and the order history."""
