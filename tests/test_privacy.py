"""No personal data on any public page, feed, export or API response of the whole platform.

Loads the demo, walks every URL an anonymous visitor can reach (following links from the start
page and the API root) and scans each response for the demo people's names, e-mail addresses and
phone numbers.
"""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command

from gemeinsam.accounts.models import User
from gemeinsam.actors.models import Actor, ActorKind, LegalBasis

pytestmark = pytest.mark.django_db

SEEDS = ["/", "/api/", "/api/schema/", "/impressum/", "/datenschutz/"]
LINK = re.compile(r'(?:href|src)="([^"#]+)"|"(https?://testserver/[^"]*)"')
SKIP = ("/static/", "/konto/", "/admin/", "/i18n/")


def _personal_strings():
    """Everyone's e-mail and phone; the names of everyone but holders of a public office (their
    office is the legal basis) and those who agreed to be named in public minutes."""
    people = Actor.objects.filter(kind=ActorKind.PERSON)
    strings = set()
    for person in people:
        strings.update(filter(None, [person.email, person.phone]))
        if person.legal_basis != LegalBasis.LEGITIMATE_INTEREST and not person.named_in_public:
            strings.add(person.name)
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
    while queue:
        path = queue.pop()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "attachment" in response.get("Content-Disposition", ""):
            if response.status_code == 200:
                reached.append(path)
            continue
        reached.append(path)
        body = response.content.decode()
        leaked = [s for s in personal if s in body]
        assert not leaked, f"{path} shows personal data: {leaked[:5]}"
        for match in LINK.finditer(body):
            target = urlparse(urljoin(path, match.group(1) or match.group(2)))
            if target.netloc in ("", "testserver") and target.path.startswith("/"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    assert "/ruesselsheim-am-main/buendnis/" in reached
    assert len(reached) > 10
