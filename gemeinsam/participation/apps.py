from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gemeinsam.participation"
    verbose_name = _("Public participation")

    def ready(self):
        from auditlog.registry import auditlog

        from gemeinsam.core import navigation

        from . import models, rules  # noqa: F401

        for model in (models.Initiative, models.Event, models.Page, models.EmbedSettings):
            auditlog.register(model, exclude_fields=["version", "sequence", "edit_token_hash"])

        navigation.register_section(navigation.Section(
            "initiatives", _("Get involved"), "participation:map", 50))
        navigation.register_section(navigation.Section(
            "events", _("Events"), "participation:events", 55))
        navigation.register_section(navigation.Section(
            "pages", _("About us"), "participation:pages", 60))
