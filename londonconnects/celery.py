import os

from celery import Celery

# Production unless told otherwise: a deploy that forgets the variable must not run DEBUG.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "londonconnects.settings.prod")

app = Celery("londonconnects")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
