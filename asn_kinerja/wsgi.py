"""The WSGI entry point for production: `gunicorn asn_kinerja.wsgi -w 4 -b 127.0.0.1:8000` (see docs/DEPLOYMENT.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asn_kinerja.settings")

application = get_wsgi_application()
