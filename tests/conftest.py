import pytest
from django.test import Client

from gemeinsam.core.models import Role

from .factories import MembershipFactory, MunicipalityFactory, UserFactory


@pytest.fixture(autouse=True)
def _german_and_fresh_cache(settings):
    settings.LANGUAGE_CODE = "de"
    from django.core.cache import cache

    cache.clear()  # allauth's login throttle counts live in the cache


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Rüsselsheim am Main", slug="ruesselsheim-am-main")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Konstanz", slug="konstanz")


def _member(municipality, role, **kwargs):
    return MembershipFactory(municipality=municipality, role=role, **kwargs).user


@pytest.fixture
def member(municipality):
    return _member(municipality, Role.MEMBER, user__display_name="Jonas Becker")


@pytest.fixture
def coordinator(municipality):
    return _member(municipality, Role.COORDINATOR, user__display_name="Lena Hoffmann")


@pytest.fixture
def administration(municipality):
    return _member(municipality, Role.ADMINISTRATION, user__display_name="Katrin Weber")


@pytest.fixture
def outsider(other_municipality):
    """A coordinator, but of another municipality."""
    return _member(other_municipality, Role.COORDINATOR, user__display_name="Miriam Vogel")


@pytest.fixture
def signed_in_user(db):
    return UserFactory(display_name="Paul Neumann")


@pytest.fixture
def platform_admin(db):
    return UserFactory(display_name="Plattform-Team", is_superuser=True, is_staff=True)


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
