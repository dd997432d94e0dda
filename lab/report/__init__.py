"""The lab's report: a self-contained HTML page and the charts it shows."""
