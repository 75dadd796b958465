from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from gemeinsam.accounts.views import language_switch
from gemeinsam.meetings.views_public import private_feed

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("konto/", include("gemeinsam.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("api/", include("gemeinsam.api.urls")),
    path("jobs/", include("gemeinsam.jobs.urls")),
    path("kalender/<str:token>.ics", private_feed, name="private_calendar"),
    path("<slug:slug>/", include("gemeinsam.actors.urls")),
    path("<slug:slug>/", include("gemeinsam.monitoring.urls")),
    path("<slug:slug>/", include("gemeinsam.meetings.urls")),
    path("<slug:slug>/", include("gemeinsam.participation.urls")),
    path("<slug:slug>/", include("gemeinsam.panels.urls")),
    # Last: the municipality spaces live at /<slug>/.
    path("", include("gemeinsam.core.urls")),
]

admin.site.site_header = settings.PLATFORM_NAME
