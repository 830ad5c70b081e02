"""gunicorn settings for every way the portal is served: `make serve`, production and the tests.

gunicorn reads this file whenever it is started from the project directory, so the
production command in README.md and scripts/serve.sh get the same settings.
Command-line options (--bind, --workers) still override what is set here.
"""

import os

# Only ever reachable through the proxy on this machine (deploy/nginx/); never bind it publicly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# No request header may set the WSGI environment: a client (or anything on the proxy's
# address) sending `SCRIPT_NAME: /faq` would otherwise change every link on the page it
# gets, and the page cache would keep that page for other readers. A path prefix, when
# one is needed, is configuration: the SCRIPT_NAME environment variable (see settings).
forwarder_headers = ""
header_map = "drop"

# No access log here: nginx, in front of every deployment, logs every request (including those it
# answers from its own cache, which gunicorn never sees), buffered. Writing a second line per request
# from gunicorn cost about 13–15% of a cached page's time. Errors still go to gunicorn's error log.
accesslog = None

# The default control socket is one path per user ($XDG_RUNTIME_DIR/gunicorn.ctl), so every
# instance on a host would share it and one could delete another's. Nothing here uses it.
control_socket_disable = True
