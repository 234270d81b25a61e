import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoxin.settings")
application = get_wsgi_application()

from gaoxin.core.checks import secure_or_refuse  # noqa: E402 - needs the settings loaded

secure_or_refuse()
