"""The load and what is measured while it runs: Locust, CPU and memory, steps, stale reads."""
