import pytest

from gemeinsam.core import services
from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.models import AreaKind, Municipality, SitePage
from tests.factories import DirectoryEntryFactory


@pytest.mark.django_db
def test_stale_municipality_edit_is_refused(municipality):
    services.municipality_update(municipality=municipality, version=1, team_name="RüsselsheimZero")
    stale = Municipality.objects.get(pk=municipality.pk)
    with pytest.raises(StaleEdit):
        services.municipality_update(municipality=stale, version=1, team_name="Überschrieben")
    assert Municipality.objects.get(pk=municipality.pk).team_name == "RüsselsheimZero"


@pytest.mark.django_db
def test_site_page_versions():
    page = services.site_page_update(key="impressum", version=0, title_de="Impressum",
                                     body_de="Musterverein e. V.")
    services.site_page_update(key="impressum", version=page.version, title_de="Impressum",
                              body_de="Neu")
    with pytest.raises(StaleEdit):
        services.site_page_update(key="impressum", version=page.version, title_de="Alt",
                                  body_de="Alt")
    assert SitePage.objects.get().body_de == "Neu"


@pytest.mark.django_db
def test_space_needs_a_municipality_and_only_one(platform_admin):
    state = DirectoryEntryFactory(ags="06000000", official_name="Hessen", kind=AreaKind.STATE)
    with pytest.raises(DomainError):
        services.municipality_create(directory_entry=state, slug="hessen", created_by=platform_admin)
    entry = DirectoryEntryFactory(official_name="Rüsselsheim am Main, Stadt")
    assert services.slug_suggestion(entry) == "ruesselsheim-am-main"
    services.municipality_create(directory_entry=entry, slug="ruesselsheim-am-main",
                                 created_by=platform_admin)
    with pytest.raises(DomainError):
        services.municipality_create(directory_entry=entry, slug="zweiter",
                                     created_by=platform_admin)


@pytest.mark.django_db
def test_reserved_address_is_refused(platform_admin):
    from django.core.exceptions import ValidationError

    entry = DirectoryEntryFactory()
    with pytest.raises(ValidationError) as error:
        services.municipality_create(directory_entry=entry, slug="api", created_by=platform_admin)
    assert "slug" in error.value.message_dict
