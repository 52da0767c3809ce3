import os

from django.core.wsgi import get_wsgi_application

# Production unless told otherwise: a deploy that forgets the variable must not run DEBUG.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings.prod")

application = get_wsgi_application()
