from django.conf import settings

from .models import SitePage
from .navigation import sections_for


def layout(request):
    """What the base layout needs on every page: the municipality in view and its sections."""
    municipality = getattr(request, "municipality", None)
    user = getattr(request, "user", None)
    return {
        "platform_name": settings.PLATFORM_NAME,
        "current_municipality": municipality,
        "municipality_sections": (
            [(s, s.url(municipality)) for s in sections_for(user, municipality)]
            if municipality is not None and user is not None else []
        ),
        "footer_pages": SitePage.Key,
    }
