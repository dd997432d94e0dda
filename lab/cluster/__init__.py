"""Machines of their own: components on cgroups with CPU quotas, behind HAProxy (make bench-cluster)."""
