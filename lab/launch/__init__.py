"""Starting an architecture and everything it runs on: processes, ports, places, PostgreSQL and its replicas."""
