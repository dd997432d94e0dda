"""The SOA bookstore: Account, Book, Order and Shipping providers behind an Enterprise Service Bus."""
