"""How rightsdesk is served: gunicorn's settings, for `make run`, the benchmark and a deployment.

Single-threaded processes, twice the cores plus one. A page is Python work (the ORM, templates,
decryption) that holds the interpreter lock, so threads in one process take turns on one core; and
with threads a kept-alive connection stays with the process that accepted it, so a few busy browsers
can share one process while another sits idle (seen on the bench: four clients, three or four of
them on one of two processes, every signed-in page 1.3-1.5× slower for the whole run). A sync worker
answers one request and closes the connection, and the next request goes to whichever process is
free. docs/scaling.md (fourth round) has the measurements of both shapes.

Sync workers expect a buffering proxy in front where clients can be slow, which a deployment has
anyway for TLS (README, "Configuration"). `GUNICORN_CMD_ARGS` or the command line overrides any of
these, e.g. `--workers 9` on a four-core server, or `--worker-class gthread --threads 4`.
"""

import os

workers = int(os.environ.get("RIGHTSDESK_WORKERS", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
# Long enough for an export or an import of 100,000 rows on a small server.
timeout = 300
