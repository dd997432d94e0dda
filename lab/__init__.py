"""The lab's tooling: start an architecture's processes, run the bench, draw the charts."""
