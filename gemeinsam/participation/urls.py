from . import urls_embed, urls_events, urls_initiatives, urls_pages

app_name = "participation"
urlpatterns = [
    *urls_initiatives.urlpatterns,
    *urls_events.urlpatterns,
    *urls_pages.urlpatterns,
    *urls_embed.urlpatterns,
]
