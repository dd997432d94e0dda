"""The providers layer: Account, Book, Order and Shipping services, each a SOAP endpoint of its own."""
