"""The embedded default: one machine, SQLite, tasks in-process. Used by the README's first command."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SECRET_KEY", default="local-only-insecure-key-change-me-in-production-0123456789")
