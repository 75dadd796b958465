import datetime

import factory

from gemeinsam.actors.models import Actor, ActorKind, LegalBasis, Sector
from tests.factories import MunicipalityFactory


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Sektor {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = ActorKind.ORGANISATION
    name = factory.Sequence(lambda n: f"Stadtwerke Nummer {n}")
    organisation_kind = "utility"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = ActorKind.PERSON
    name = factory.Sequence(lambda n: f"Sabine Beispiel{n}")
    function = "Klimaschutzmanagerin"
    email = factory.Sequence(lambda n: f"sabine{n}@beispiel.example")
    phone = factory.Sequence(lambda n: f"06142 555-{1000 + n}")
    notes = "Mag Lastenräder, skeptisch gegenüber Windkraft."
    legal_basis = LegalBasis.CONSENT
    consent_given_on = datetime.date(2026, 3, 1)
    consent_wording = "Ich bin einverstanden, dass das Lokalteam meine Kontaktdaten speichert."
