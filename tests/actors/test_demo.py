import pytest
from django.core.management import call_command

from gemeinsam.accounts.models import User
from gemeinsam.actors import selectors
from gemeinsam.actors.models import (
    Actor,
    ActorKind,
    Conversation,
    Department,
    LegalBasis,
    Position,
    Rating,
    Relation,
    Stage,
)
from gemeinsam.core.models import Municipality


def _counts(municipality):
    return [
        Actor.objects.filter(municipality=municipality).count(),
        Rating.objects.filter(actor__municipality=municipality).count(),
        Conversation.objects.filter(actor__municipality=municipality).count(),
        Relation.objects.filter(municipality=municipality).count(),
        Department.objects.filter(municipality=municipality).count(),
        Position.objects.filter(municipality=municipality).count(),
        municipality.sectors.count(),
    ]


@pytest.mark.django_db(transaction=True)
def test_demo_alliance_is_plausible_and_loads_once():
    call_command("load_demo")
    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    counts = _counts(ruesselsheim)
    call_command("load_demo")
    assert _counts(ruesselsheim) == counts

    actors = list(Actor.objects.filter(municipality=ruesselsheim))
    assert len(actors) >= 75
    organisations = [a for a in actors if a.kind == ActorKind.ORGANISATION]
    people = [a for a in actors if a.kind == ActorKind.PERSON]
    assert len(organisations) >= 30 and len(people) >= 40
    assert {a.sector_id for a in actors} == set(ruesselsheim.sectors.values_list("pk", flat=True))
    assert {a.quadrant for a in actors} >= {"manage_closely", "keep_satisfied", "keep_informed",
                                            "monitor"}
    assert {a.attitude for a in actors} >= {-2, -1, 0, 1, 2}
    assert {a.stage for a in actors} == set(Stage.values)
    assert any(a.ratings.count() > 1 for a in actors)

    # Only fictional contact data, and every person with a legal basis.
    for person in people:
        assert person.email.endswith(("@example.org", "@example.com"))
        assert " 555-" in person.phone
        assert person.legal_basis in LegalBasis.values
        if person.legal_basis == LegalBasis.CONSENT:
            assert person.consent_given_on and person.consent_wording
    assert any(a.shown_as_ally and a.public_description for a in organisations)
    assert any(a.shared_with_administration for a in actors)

    assert Conversation.objects.filter(actor__municipality=ruesselsheim).count() >= 20
    assert Relation.objects.filter(municipality=ruesselsheim).count() >= 20

    positions = list(Position.objects.filter(municipality=ruesselsheim))
    assert len(positions) >= 10
    assert any(not p.holdings.exists() for p in positions)
    changed = [p for p in positions if p.holdings.count() == 2]
    assert changed
    assert changed[0].holdings.filter(ended_on__isnull=True).count() == 1

    coordinator = User.objects.get(email="koordination@example.org")
    initiative = Actor.objects.get(municipality=ruesselsheim,
                                   name="Schüler:innen fürs Klima Rüsselsheim")
    mayor = Actor.objects.get(municipality=ruesselsheim, function="Oberbürgermeisterin")
    path = selectors.path_to(municipality=ruesselsheim, user=coordinator, start=initiative,
                             goal=mayor)
    assert len(path) >= 2
    assert path[0][0] == initiative and path[-1][2] == mayor
