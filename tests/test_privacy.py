"""No personal data on any public page, feed, export or API response of the whole platform.

Loads the demo, walks every URL an anonymous visitor can reach (following links from the start
page and the API root) and scans each response for the demo people's names, e-mail addresses and
phone numbers.
"""

import re
from collections import Counter
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command

from gemeinsam.accounts.models import User
from gemeinsam.actors.models import Actor, ActorKind, LegalBasis
from gemeinsam.panels.models import Invitation, Respondent
from gemeinsam.participation.models import Event, Initiative

pytestmark = pytest.mark.django_db

SEEDS = ["/", "/api/", "/api/schema/", "/impressum/", "/datenschutz/"]
LINK = re.compile(r'(?:href|src)="([^"#]+)"|"(https?://testserver/[^"]*)"')
SKIP = ("/static/", "/konto/", "/admin/", "/i18n/")
TEXT = ("text/", "application/json", "application/geo+json", "application/ld+json")
QUERY_VARIANTS = 4


def _personal_strings():
    """Everyone's e-mail and phone; the names of everyone but holders of a public office (their
    office is the legal basis) and those who agreed to be named in public minutes; the contact
    people and addresses of initiatives and the proposers' addresses; everything a citizens'
    panel knows of the people it wrote to and who registered."""
    people = Actor.objects.filter(kind=ActorKind.PERSON)
    strings = set()
    for person in people:
        strings.update(filter(None, [person.email, person.phone]))
        if person.legal_basis != LegalBasis.LEGITIMATE_INTEREST and not person.named_in_public:
            strings.add(person.name)
    for entry in [*Initiative.objects.all(), *Event.objects.all()]:
        strings.update(filter(None, [entry.proposer_email, getattr(entry, "contact_email", ""),
                                     getattr(entry, "contact_name", "")]))
    for letter in Invitation.objects.all():
        # Not the street alone: the demo's invented residents may live where an initiative
        # meets in public.
        strings.update(filter(None, [f"{letter.first_name} {letter.last_name}", letter.code]))
    for respondent in Respondent.objects.all():
        strings.update(filter(None, [f"{respondent.first_name} {respondent.last_name}",
                                     respondent.email, respondent.phone]))
    for user in User.objects.all():
        strings.add(user.email)
        if not user.named_in_public:
            strings.add(user.display_name)
    return {s for s in strings if len(s) >= 6}


def test_no_public_response_holds_personal_data(client):
    call_command("load_demo", verbosity=0)
    personal = _personal_strings()
    assert len(personal) > 50, "the demo should hold enough people to make this test mean much"
    seen, queue, reached = set(), list(SEEDS), []
    variants = Counter()
    while queue:
        path = queue.pop()
        if path in seen or path.startswith(SKIP):
            continue
        # Calendars link month after month without end: a few filters or months of each page
        # are enough to see what it shows.
        bare = path.split("?")[0]
        if "?" in path and variants[bare] >= QUERY_VARIANTS:
            continue
        variants[bare] += 1
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200:
            continue
        reached.append(path)
        if not response["Content-Type"].startswith(TEXT):
            continue
        body = b"".join(response.streaming_content if response.streaming else [
            response.content]).decode()
        leaked = [s for s in personal if s in body]
        assert not leaked, f"{path} shows personal data: {leaked[:5]}"
        for match in LINK.finditer(body):
            target = urlparse(urljoin(path, match.group(1) or match.group(2)))
            if target.netloc in ("", "testserver") and target.path.startswith("/"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    for expected in ["/ruesselsheim-am-main/buendnis/", "/ruesselsheim-am-main/mitmachen/",
                     "/ruesselsheim-am-main/termine/", "/ruesselsheim-am-main/termine.ics",
                     "/ruesselsheim-am-main/mitmachen/initiativen.csv",
                     "/ruesselsheim-am-main/mitmachen/initiativen.geojson",
                     "/ruesselsheim-am-main/buergerrat/"]:
        assert expected in reached, expected
    assert len(reached) > 10
