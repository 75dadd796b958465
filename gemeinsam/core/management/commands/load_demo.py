"""Plausible demo content: Rüsselsheim am Main with its climate team, administration and allies.

Idempotent: running it again brings the demo back to its starting state without duplicates.
All people are fictional; they share the password DEMO_PASSWORD.
"""

from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from gemeinsam.accounts.models import User
from gemeinsam.actors.demo import load_actors_demo
from gemeinsam.core import services
from gemeinsam.core.models import (
    DirectoryEntry,
    Invitation,
    JoinRequest,
    Membership,
    Municipality,
    Role,
    SitePage,
)
from gemeinsam.meetings.demo import load_meetings_demo
from gemeinsam.monitoring.demo import load_monitoring_demo
from gemeinsam.panels.demo import load_panels_demo
from gemeinsam.participation.demo import load_participation_demo

DEMO_PASSWORD = "gemeinsam-demo"

PEOPLE = [
    # e-mail, name, organisation or function, role in Rüsselsheim (None: no role there)
    ("admin@example.org", "Plattform-Team", "Betrieb von Gemeinsam", None),
    ("koordination@example.org", "Lena Hoffmann", "RüsselsheimZero", Role.COORDINATOR),
    ("team@example.org", "Jonas Becker", "RüsselsheimZero", Role.MEMBER),
    ("aylin.demir@example.org", "Aylin Demir", "RüsselsheimZero", Role.MEMBER),
    ("tobias.wagner@example.org", "Tobias Wagner", "RüsselsheimZero", Role.COORDINATOR),
    ("klimaschutz@example.org", "Dr. Katrin Weber", "Klimaschutzmanagement, Stadt Rüsselsheim am Main",
     Role.ADMINISTRATION),
    ("markus.schneider@example.org", "Markus Schneider", "Fachbereich Umwelt und Klimaschutz",
     Role.ADMINISTRATION),
    ("stefan.krueger@example.org", "Stefan Krüger", "Stadtwerke Rüsselsheim (Bündnispartner)",
     Role.MEMBER),
    ("sabine.yilmaz@example.org", "Sabine Yılmaz", "BUND Ortsverband (Bündnispartner)", Role.MEMBER),
    ("paul.neumann@example.org", "Paul Neumann", "Fahrradinitiative Rüsselsheim", None),
    ("miriam.vogel@example.org", "Miriam Vogel", "Klimaentscheid Konstanz", None),
]

RUESSELSHEIM_INTRO = (
    "Rüsselsheim am Main will bis 2035 klimaneutral werden. Die Stadtverwaltung mit ihrem "
    "Klimaschutzmanagement und das Lokalteam RüsselsheimZero arbeiten hier gemeinsam am "
    "Klimaaktionsplan: Maßnahme für Maßnahme, mit vereinbartem Stand und offenen Fragen.\n\n"
    "Mitmachen können alle, die in Rüsselsheim für Klimaschutz anpacken wollen: "
    "Bürger*innen, Vereine, Unternehmen und Stadtwerke."
)

SITE_PAGES = {
    "impressum": ("Impressum", "Imprint",
                  "Angaben gemäß § 5 DDG\n\nDemo-Betreiber e. V.\nMusterstraße 1\n65428 Rüsselsheim am Main\n\n"
                  "E-Mail: kontakt@example.org\n\nDies ist eine Demo-Installation von Gemeinsam.",
                  "Information according to § 5 DDG\n\nDemo-Betreiber e. V.\nMusterstraße 1\n"
                  "65428 Rüsselsheim am Main\n\nE-mail: kontakt@example.org\n\n"
                  "This is a demo installation of Gemeinsam."),
    "datenschutz": ("Datenschutzerklärung", "Privacy policy",
                    "Gemeinsam speichert nur, was für die Zusammenarbeit nötig ist: Ihren Namen, "
                    "Ihre E-Mail-Adresse, Ihre Organisation und Ihre Rollen. Namen und "
                    "E-Mail-Adressen erscheinen nie auf öffentlichen Seiten oder in der "
                    "öffentlichen API. Sie können Ihr Konto jederzeit selbst löschen.",
                    "Gemeinsam stores only what collaboration needs: your name, e-mail address, "
                    "organisation and roles. Names and e-mail addresses never appear on public "
                    "pages or in the public API. You can delete your account yourself at any "
                    "time."),
}


class Command(BaseCommand):
    help = "Load the demo municipality Rüsselsheim am Main with team, administration and allies."

    def handle(self, *args, **options):
        if not DirectoryEntry.objects.filter(ags="06433012").exists():
            call_command("import_municipalities", stdout=self.stdout)
        with transaction.atomic():
            people = self._people()
            ruesselsheim = self._space("06433012", "ruesselsheim-am-main", "RüsselsheimZero",
                                       RUESSELSHEIM_INTRO)
            konstanz = self._space("08335043", "konstanz", "Klimaentscheid Konstanz", "")
            for email, _name, _organisation, role in PEOPLE:
                if role:
                    Membership.objects.update_or_create(
                        user=people[email], municipality=ruesselsheim, defaults={"role": role},
                    )
            # The alliance: the team of RüsselsheimZero, a coordinator first (once only).
            team = [people[email] for email in (
                "koordination@example.org", "team@example.org", "aylin.demir@example.org",
                "tobias.wagner@example.org")]
            load_actors_demo(ruesselsheim, team)
            # The Klimaaktionsplan, reported on by team and administration (once only).
            load_monitoring_demo(ruesselsheim, team, [
                people[email] for email, _name, _organisation, role in PEOPLE
                if role == Role.ADMINISTRATION])
            # Runder Tisch, jour fixe and Klimabeirat with their meetings (once only).
            load_meetings_demo(ruesselsheim)
            # Mitmachkarte, Termintipps, pages and embedding (once only).
            load_participation_demo(ruesselsheim)
            # Citizens' panels: one drawn, one in preparation (once only).
            load_panels_demo(ruesselsheim, [
                people[email] for email, _name, _organisation, role in PEOPLE
                if role == Role.ADMINISTRATION])
            Membership.objects.update_or_create(
                user=people["miriam.vogel@example.org"], municipality=konstanz,
                defaults={"role": Role.COORDINATOR},
            )
            self._invitation_and_request(ruesselsheim, people)
            for key, (title_de, title_en, body_de, body_en) in SITE_PAGES.items():
                SitePage.objects.update_or_create(key=key, defaults={
                    "title_de": title_de, "title_en": title_en, "body_de": body_de,
                    "body_en": body_en,
                })
        self.stdout.write(self.style.SUCCESS(
            f"Demo loaded: {Municipality.objects.count()} spaces, "
            f"{len(PEOPLE)} people (password “{DEMO_PASSWORD}”)."
        ))

    def _people(self):
        people = {}
        for email, name, organisation, _role in PEOPLE:
            user, _created = User.objects.update_or_create(email=email, defaults={
                "display_name": name, "organisation": organisation, "is_active": True,
                "is_superuser": email == "admin@example.org", "is_staff": email == "admin@example.org",
            })
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True},
            )
            people[email] = user
        return people

    def _space(self, ags, slug, team_name, introduction):
        entry = DirectoryEntry.objects.get(ags=ags)
        municipality = Municipality.objects.filter(directory_entry=entry).first()
        if municipality is None:
            admin = User.objects.get(email="admin@example.org")
            municipality = services.municipality_create(directory_entry=entry, slug=slug,
                                                        created_by=admin)
        Municipality.objects.filter(pk=municipality.pk).update(
            team_name=team_name, introduction=introduction,
        )
        municipality.refresh_from_db()
        return municipality

    def _invitation_and_request(self, municipality, people):
        coordinator = people["koordination@example.org"]
        if not Invitation.objects.filter(municipality=municipality,
                                         email="neu@example.org").exists():
            services.invitation_create(
                municipality=municipality, email="neu@example.org", role=Role.MEMBER,
                invited_by=coordinator,
                build_url=lambda token: f"http://127.0.0.1:8000/einladung/{token}/",
            )
        applicant = people["paul.neumann@example.org"]
        if not JoinRequest.objects.filter(municipality=municipality, user=applicant).exists():
            services.join_request_create(
                municipality=municipality, user=applicant,
                message="Ich engagiere mich in der Fahrradinitiative und würde gern bei den "
                        "Verkehrsmaßnahmen mitarbeiten.",
            )
