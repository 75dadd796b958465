from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gemeinsam.api"
    verbose_name = "API"
