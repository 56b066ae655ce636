import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
application = get_wsgi_application()

# A server that acknowledges writes it may lose must not start.
from rightsdesk.durability import assert_durable  # noqa: E402

assert_durable()
