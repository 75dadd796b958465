from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "gemeinsam.panels"
    verbose_name = _("Citizens' panels")

    def ready(self):
        from gemeinsam.core import navigation

        from . import jobs, rules  # noqa: F401

        navigation.register_section(navigation.Section(
            "panels", _("Citizens' panels"), "panels:public_list", 65,
        ))
