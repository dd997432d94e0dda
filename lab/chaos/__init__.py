"""The fault experiment: stop one component under steady load, chart what kept working, check nothing was lost."""
