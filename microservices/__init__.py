"""The microservices bookstore: autonomous services with a database each, a gateway, a frontend, a saga."""
