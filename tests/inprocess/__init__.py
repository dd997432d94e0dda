"""Each architecture's processes run inside the test process, wired by a transport that calls WSGI apps directly."""
