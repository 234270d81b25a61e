import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoxin.settings")
application = get_asgi_application()

from gaoxin.core.checks import secure_or_refuse  # noqa: E402 - needs the settings loaded

secure_or_refuse()
