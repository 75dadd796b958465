from .base import *  # noqa: F403
from csp.constants import SELF

from .base import CONTENT_SECURITY_POLICY, STORAGES, env

SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": env("TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
LANGUAGE_CODE = "de"
# Tests load nothing from the internet: no map tiles, no geocoder.
MAP_TILE_URL = ""
GEOCODER_URL = ""
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": [SELF, "data:"], "connect-src": [SELF]}}
