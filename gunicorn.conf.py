"""How rightsdesk is served: gunicorn's settings, for `make run`, the benchmark and a deployment.

One process per core, each with four threads. A page is Python work (the ORM, templates,
decryption) that holds the interpreter lock, so more processes than cores only take turns; the
threads let a process answer another request while one waits on the database or the network.

Measured on the national data set with four clients on two cores (docs/scaling.md, fourth round),
sync workers (2 × cores + 1 single-threaded processes, a new connection per request) gave the same
p50 and a few milliseconds more at p95 on light pages, with slightly shorter tails. With threads a
kept-alive connection stays with the process that accepted it, so a handful of busy browsers can
land on one process; many browsers behind the proxy spread out.

`GUNICORN_CMD_ARGS` or the command line overrides any of these, e.g.
`--workers 5 --worker-class sync`, or `--workers 4` on a four-core server.
"""

import os

workers = int(os.environ.get("RIGHTSDESK_WORKERS", os.cpu_count() or 1))
worker_class = "gthread"
threads = 4
keepalive = 30
# Long enough for an export or an import of 100,000 rows on a small server.
timeout = 300
