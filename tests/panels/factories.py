"""Test data for citizens' panels, shared by the tests of every panels module.

Builders, not magic: each returns saved rows and takes keyword arguments for what a test cares
about. `make_panel` creates through the service, so the creator manages the panel.
"""

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from gemeinsam.core.models import Role
from gemeinsam.panels import services
from gemeinsam.panels.models import (
    Feature,
    FeatureValue,
    Invitation,
    Panel,
    Respondent,
    SelectionState,
)
from tests.factories import MembershipFactory, MunicipalityFactory

_counter = itertools.count(1)


def _today():
    return timezone.localdate()


def panel_fields(**overrides):
    """Valid fields for services.panel_create, with dates in the future."""
    today = _today()
    fields = {
        "title": "Bürgerrat Klimaneutralität 2035",
        "purpose": "Wie wird Rüsselsheim bis 2035 klimaneutral?",
        "seats": 10,
        "invitation_factor": 10,
        "meeting_dates": "Samstag, 6. März, und Samstag, 20. März, jeweils 10–17 Uhr",
        "registration_deadline": today + datetime.timedelta(days=30),
        "selection_date": today + datetime.timedelta(days=37),
        "seed_announcement": "Die Lottozahlen vom Samstag vor der Auslosung.",
        "algorithm": "leximin",
        "one_per_household": True,
        "contact": "Stabsstelle Klimaschutz, 06142 83-0, klima@example.org",
        "letter_text": "Sie wurden zufällig aus dem Melderegister ausgewählt.",
        "public": True,
        "erase_on": today + datetime.timedelta(days=200),
    }
    fields.update(overrides)
    return fields


def administration_member(municipality, **user_kwargs):
    """A new member of the municipality's administration."""
    kwargs = {f"user__{k}": v for k, v in user_kwargs.items()}
    return MembershipFactory(municipality=municipality, role=Role.ADMINISTRATION, **kwargs).user


def make_panel(*, municipality=None, created_by=None, managers=None, **fields):
    """A panel created by `created_by` (a new administration member if not given), who manages
    it; `managers` (optional) replaces the managers afterwards."""
    municipality = municipality or MunicipalityFactory()
    created_by = created_by or administration_member(municipality)
    panel = services.panel_create(municipality=municipality, created_by=created_by,
                                  **panel_fields(**fields))
    if managers is not None:
        services.panel_managers_set(panel=panel, managers=managers)
    return panel


def make_feature(*, panel, name=None, values=None, question=None, source="Zensus 2022"):
    """A feature with values. `values`: a list of names, of (name, share) or (name, share, min,
    max), or of dicts as services.feature_create takes them. Default: two values of 50 %."""
    name = name or f"Merkmal {next(_counter)}"
    values = values if values is not None else [("Ja", 50), ("Nein", 50)]
    rows = []
    for value in values:
        if isinstance(value, dict):
            rows.append(value)
            continue
        if isinstance(value, str):
            value = (value,)
        row = {"name": value[0]}
        if len(value) > 1 and value[1] is not None:
            row["population_share"] = Decimal(str(value[1]))
        if len(value) > 3:
            row["min"], row["max"] = value[2], value[3]
        else:
            row["min"], row["max"] = 0, panel.seats
        rows.append(row)
    return services.feature_create(panel=panel, name=name, question=question or f"{name}?",
                                   values=rows, source=source)


def make_standard_features(panel):
    """Gender and age, with shares and loose quotas: [gender, age]."""
    gender = make_feature(panel=panel, name="Geschlecht", question="Ihr Geschlecht?",
                          values=[("weiblich", 50), ("männlich", 49), ("divers", 1)])
    age = make_feature(panel=panel, name="Alter", question="Wie alt sind Sie?",
                       values=[("16–34", 30), ("35–59", 40), ("60 und älter", 30)])
    return [gender, age]


def make_invitation(*, panel, **fields):
    n = next(_counter)
    defaults = {
        "salutation": "Frau",
        "first_name": f"Erika{n}",
        "last_name": f"Mustermann{n}",
        "street": f"Hauptstraße {n}",
        "postcode": "65428",
        "city": "Rüsselsheim am Main",
        "district": "Innenstadt",
    }
    defaults.update(fields)
    if "household" not in fields:
        defaults["household"] = services.household_key(
            panel=panel, street=defaults["street"], postcode=defaults["postcode"])
    return Invitation.objects.create(panel=panel, **defaults)


def default_answers(panel, choose=0):
    """{str(feature pk): value pk}, the `choose`-th value (modulo) of every feature."""
    answers = {}
    for feature in panel.features.prefetch_related("values"):
        values = list(feature.values.all())
        if values:
            answers[str(feature.pk)] = values[choose % len(values)].pk
    return answers


def make_respondent(*, panel, invitation=None, answers=None, state=SelectionState.POOL,
                    **fields):
    """A registered respondent with a letter (created if not given), pseudonym, household and
    an answer to every feature (the first value unless `answers` says otherwise)."""
    invitation = invitation or make_invitation(panel=panel)
    n = next(_counter)
    defaults = {
        "first_name": invitation.first_name or f"Max{n}",
        "last_name": invitation.last_name or f"Muster{n}",
        "email": f"person{n}@example.org",
        "phone": "",
        "available": True,
        "household": invitation.household,
        "consent_at": timezone.now(),
        "pseudonym": services.pseudonym_for(panel=panel, code=invitation.code),
    }
    defaults.update(fields)
    return Respondent.objects.create(
        panel=panel, invitation=invitation, state=state,
        answers=answers if answers is not None else default_answers(panel), **defaults)


class PanelFactory(factory.django.DjangoModelFactory):
    """The raw model, without managers; prefer make_panel."""

    class Meta:
        model = Panel

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Bürgerrat {n}")
    purpose = "Worüber der Bürgerrat berät."
    seats = 10
    contact = "Rathaus, 06142 83-0"
    registration_deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))
    erase_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=200))


class FeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feature

    panel = factory.SubFactory(PanelFactory)
    name = factory.Sequence(lambda n: f"Merkmal {n}")
    question = factory.LazyAttribute(lambda f: f"{f.name}?")


class FeatureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeatureValue

    feature = factory.SubFactory(FeatureFactory)
    name = factory.Sequence(lambda n: f"Wert {n}")
    min = 0
    max = 10


# --- A pool ready for the lottery (moved here from test_selection) ---------------------------

LOTTERY_SEATS = 8


def build_pool(municipality, *, size=40, seats=LOTTERY_SEATS, gender_quota=(3, 5),
               age_quota=(3, 5), households=None, **panel_fields):
    """A panel whose registration closed yesterday, with two features and `size` respondents
    spread over all four combinations. `households` (optional): a list of household keys,
    one per respondent, e.g. to put two people in one household."""
    panel_fields.setdefault("registration_deadline", _today() - datetime.timedelta(days=1))
    panel = make_panel(municipality=municipality, seats=seats, **panel_fields)
    gender = make_feature(panel=panel, name="Geschlecht", values=[
        ("weiblich", 50, *gender_quota), ("männlich", 50, *gender_quota)])
    age = make_feature(panel=panel, name="Alter", values=[
        ("16–44", 50, *age_quota), ("45 und älter", 50, *age_quota)])
    genders, ages = list(gender.values.all()), list(age.values.all())
    for i in range(size):
        fields = {} if households is None else {"household": households[i]}
        make_respondent(panel=panel, first_name=f"Vorname{i:02d}", last_name=f"Nachname{i:02d}",
                        answers={str(gender.pk): genders[i % 2].pk,
                                 str(age.pk): ages[(i // 2) % 2].pk},
                        form_variant=("en" if i % 5 == 0 else "easy" if i % 7 == 0 else "de"),
                        **fields)
    return panel


def computed(panel, *, kind="panel", progress=None):
    """Create and compute a lottery synchronously (the job's work without the queue); a
    computation that finds no lottery leaves its problem on the selection."""
    from gemeinsam.core.errors import DomainError
    from gemeinsam.panels import selection as lottery
    from gemeinsam.panels.models import Selection

    selection = Selection.objects.create(panel=panel, kind=kind, algorithm=panel.algorithm)
    try:
        lottery.selection_compute(selection=selection, progress=progress)
    except DomainError:
        pass
    selection.refresh_from_db()
    return selection


def drawn(panel, seed="3 11 19 27 34 42"):
    """Compute and draw the panel's lottery with `seed`."""
    from gemeinsam.panels import selection as lottery

    return lottery.selection_draw(selection=computed(panel), seed=seed)


REGISTRATION_CONTACT = "Stabsstelle Klimaschutz, 06142 83-0, klima@example.org"


def make_registration_panel(*, municipality, created_by):
    """The panel residents register for in the registration tests: two features, one in
    three languages, the deadline in a month."""
    today = timezone.localdate()
    panel = services.panel_create(
        municipality=municipality, created_by=created_by,
        title="Bürgerrat Klimaneutralität 2035",
        purpose="Wie wird Rüsselsheim bis 2035 klimaneutral?", seats=10,
        meeting_dates="Samstag, 6. März, und Samstag, 20. März, jeweils 10–17 Uhr",
        registration_deadline=today + datetime.timedelta(days=30),
        selection_date=today + datetime.timedelta(days=37), contact=REGISTRATION_CONTACT,
        erase_on=today + datetime.timedelta(days=200))
    services.feature_create(
        panel=panel, name="Alter", question="Wie alt sind Sie?",
        question_en="How old are you?", question_easy="Wie alt sind Sie? Sagen Sie es uns.",
        values=[{"name": "16 bis 29 Jahre", "name_en": "16 to 29 years"},
                {"name": "30 bis 59 Jahre", "name_en": "30 to 59 years"},
                {"name": "60 Jahre und älter", "name_en": "60 years and older"}])
    services.feature_create(
        panel=panel, name="Stadtteil", question="In welchem Stadtteil wohnen Sie?",
        values=[{"name": "Innenstadt"}, {"name": "Königstädten"}])
    return panel
