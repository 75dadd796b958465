"""Demo content: the Bürgerrat Klimaneutralität 2035 of Rüsselsheim am Main, drawn and seated,
and a second panel still in preparation.

Everything goes through the services of the letters, the registration and the lottery: a
fictional register extract (generated, never stored) gives the letters, about 150 of the
people written to register, and the panel of 30 is computed and drawn with the announced seed.
Population shares are close to the Zensus 2022 for Rüsselsheim, rounded. No e-mail is sent:
people register with a phone number; e-mail addresses (example.org) are added afterwards.

The services stamp everything "now"; the demo then moves the stamps to a plausible course
(see `_backdate_drawn_panel`): set up ten weeks ago, letters a week later, registrations until
the deadline two weeks ago, the lottery computed the day after it and drawn on the announced
date. The second panel has its letters out and its registration open, so that the codes in
its letters (PDF or CSV) work on the registration form.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from gemeinsam.jobs.models import BackgroundJob
from gemeinsam.jobs.services import job_run

from . import services
from .models import Invitation, Panel, Respondent, Selection, SelectionState

TITLE = "Bürgerrat Klimaneutralität 2035"
TITLE_PREPARATION = "Bürgerrat Mobilität in der Innenstadt"
SEED = "7 14 21 33 38 45 / Superzahl 2"
RESPONDENTS = 150

FEATURES = [
    # name, question, English question, source, [(value, English value, share in %)]
    ("Alter", "Wie alt sind Sie?", "How old are you?", "Zensus 2022, Stadt Rüsselsheim am Main",
     [("16 bis 29 Jahre", "16 to 29", 19), ("30 bis 44 Jahre", "30 to 44", 25),
      ("45 bis 59 Jahre", "45 to 59", 26), ("60 bis 74 Jahre", "60 to 74", 19),
      ("75 Jahre und älter", "75 and older", 11)]),
    ("Geschlecht", "Welchem Geschlecht fühlen Sie sich zugehörig?",
     "Which gender do you identify with?", "Zensus 2022; divers: Schätzung",
     [("weiblich", "female", 50.4), ("männlich", "male", 48.9), ("divers", "diverse", 0.7)]),
    ("Stadtteil", "In welchem Stadtteil wohnen Sie?", "In which district do you live?",
     "Melderegister, Stand 31.12.",
     [("Innenstadt", "", 22), ("Königstädten", "", 12), ("Bauschheim", "", 8),
      ("Haßloch", "", 14), ("Dicker Busch", "", 12), ("Eselswiese", "", 10),
      ("Berliner Viertel", "", 12), ("Hasengrund", "", 10)]),
    ("Bildungsabschluss", "Welchen höchsten Schulabschluss haben Sie?",
     "What is your highest school qualification?", "Zensus 2022, Bildung",
     [("ohne Abschluss oder Hauptschulabschluss", "none or lower secondary", 32),
      ("Mittlere Reife", "intermediate secondary", 29),
      ("Abitur oder Fachhochschulreife", "upper secondary", 21),
      ("Hochschulabschluss", "university degree", 18)]),
]

QUESTIONS_EASY = {
    "Alter": "Wie alt sind Sie?",
    "Geschlecht": "Sind Sie eine Frau, ein Mann oder divers?",
    "Stadtteil": "In welchem Stadt-Teil wohnen Sie?",
    "Bildungsabschluss": "Welchen Schul-Abschluss haben Sie? Bitte nennen Sie den höchsten.",
}
# The answer to "Geschlecht" of someone written to, from the salutation in the register.
GENDER_OF_SALUTATION = {"Frau": "weiblich", "Herr": "männlich", "": "divers"}

# Who answers a letter: more of the older and the better educated, as everywhere.
RESPONSE_BIAS = {
    "Alter": [0.8, 0.9, 1.0, 1.3, 1.0],
    "Bildungsabschluss": [0.6, 0.9, 1.3, 1.7],
}

FIRST_NAMES = {
    "Frau": ["Anna", "Sabine", "Fatma", "Maria", "Julia", "Petra", "Elif", "Monika", "Lea",
             "Agnieszka", "Ursula", "Sophie", "Ayşe", "Karin", "Laura", "Irina"],
    "Herr": ["Thomas", "Mehmet", "Michael", "Jan", "Peter", "Luca", "Andreas", "Emre",
             "Klaus", "Tim", "Stefan", "Piotr", "Jürgen", "Noah", "Giuseppe", "Dimitri"],
    "": ["Alex", "Kim", "Robin"],
}
LAST_NAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
              "Schulz", "Hoffmann", "Yılmaz", "Kaya", "Nowak", "Rossi", "Koch", "Richter",
              "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
              "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Demir", "Öztürk",
              "Kowalski", "Popescu", "Ivanova", "Berger", "Lorenz"]
STREETS = {
    "Innenstadt": ["Marktplatz", "Frankfurter Straße", "Bahnhofsplatz", "Mainstraße",
                   "Löwenplatz"],
    "Königstädten": ["Hauptstraße", "Wiesbadener Straße", "Am Taubengrund"],
    "Bauschheim": ["Rüsselsheimer Straße", "Am Rathaus", "Mainzer Landstraße"],
    "Haßloch": ["Haßlocher Straße", "Fasanenweg", "Am Sportfeld"],
    "Dicker Busch": ["Virchowstraße", "Liebigstraße", "Im Dicken Busch"],
    "Eselswiese": ["Eisenstraße", "Im Eselsweg", "Tannenstraße"],
    "Berliner Viertel": ["Berliner Straße", "Spandauer Straße", "Potsdamer Straße"],
    "Hasengrund": ["Hasengrundweg", "Ringstraße", "Am Hasengrund"],
}
POSTCODES = {"Königstädten": "65428", "Bauschheim": "65428", "Haßloch": "65428"}


def _choose(rng, values, weights):
    return rng.choices(values, weights=weights, k=1)[0]


def register_extract(rng, *, size=2400):
    """A fictional extract of the population register (CSV bytes, ; separated)."""
    districts = FEATURES[2][4]
    lines = ["Anrede;Vorname;Nachname;Straße;Hausnummer;PLZ;Ort;Stadtteil"]
    for _n in range(size):
        district = _choose(rng, [d[0] for d in districts], [d[2] for d in districts])
        salutation = _choose(rng, ["Frau", "Herr", ""], [50, 49, 1])
        lines.append(";".join([
            salutation, rng.choice(FIRST_NAMES[salutation]), rng.choice(LAST_NAMES),
            rng.choice(STREETS[district]), str(rng.randint(1, 120)),
            POSTCODES.get(district, "65428"), "Rüsselsheim am Main", district]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _quota(seats, share, slack):
    """`services.quota_range`, but a group that stands for at least one seat gets at least
    one: a panel of 20 without anyone from Bauschheim would not mirror the town."""
    low, high = services.quota_range(seats=seats, share=share, slack=slack)
    if low == 0 and Decimal(seats) * share / 100 >= 1:
        low = 1
    return low, high


def _features(panel, features, *, slack):
    """The features with their population shares, and quotas from the shares give or take
    `slack` seats (at least one seat for a group that stands for one)."""
    for name, question, question_en, source, values in features:
        rows = []
        for value, value_en, share in values:
            share = Decimal(str(share))
            low, high = _quota(panel.seats, share, slack)
            rows.append({"name": value, "name_en": value_en, "population_share": share,
                         "min": low, "max": high})
        services.feature_create(
            panel=panel, name=name, question=question, question_en=question_en,
            question_easy=QUESTIONS_EASY.get(name, ""), source=source, values=rows)


def _answers(rng, panel, invitation):
    answers = {}
    for feature in panel.features.prefetch_related("values"):
        values = list(feature.values.all())
        if feature.name == "Stadtteil":
            chosen = next((v for v in values if v.name == invitation.district), values[0])
        elif feature.name == "Geschlecht":
            # As the register says, so that no "Irina" answers "männlich".
            gender = GENDER_OF_SALUTATION.get(invitation.salutation, "divers")
            chosen = next((v for v in values if v.name == gender), values[0])
        else:
            bias = RESPONSE_BIAS.get(feature.name, [1] * len(values))
            chosen = _choose(rng, values, [float(v.population_share) * b
                                           for v, b in zip(values, bias)])
        answers[feature.pk] = chosen.pk
    return answers


def _respondents(rng, panel):
    from .registration import respondent_register

    letters = list(panel.invitations.order_by("pk"))
    rng.shuffle(letters)
    registered = []
    for number, letter in enumerate(letters[:RESPONDENTS]):
        respondent = respondent_register(
            invitation=letter, first_name=letter.first_name, last_name=letter.last_name,
            email="", phone=f"06142 {rng.randint(100000, 999999)}",
            answers=_answers(rng, panel, letter), available=number % 17 != 0,
            needs=rng.choice(["", "", "", "", "Kinderbetreuung", "barrierefreier Zugang",
                              "Gebärdensprachdolmetschung"]),
            form_variant=rng.choice(["de"] * 8 + ["en", "easy"]), consent=True)
        registered.append(respondent)
    # E-mail addresses for two thirds, added afterwards so that no confirmation goes out.
    for respondent in registered[: len(registered) * 2 // 3]:
        respondent.email = (f"{respondent.first_name}.{respondent.last_name}.{respondent.pk}"
                            f"@example.org").lower().replace(" ", "")
    type(registered[0]).objects.bulk_update(registered, ["email"])
    return registered


def _moment(day, hour, minute=0):
    """An aware datetime on `day` at local time hour:minute."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _lottery(panel, started_by):
    """Compute the lottery as the background job does (run here at once, so that the demo is
    complete when loaded), draw it with the announced seed, tell the result and let one member
    drop out. Returns the selection."""
    from .jobs import COMPUTE_LOTTERY_TITLE
    from .selection import COMPUTE_LOTTERY, respondent_drop_out, selection_draw

    selection = Selection.objects.create(panel=panel, algorithm=panel.algorithm,
                                         started_by=started_by)
    selection.job = BackgroundJob.objects.create(
        kind=COMPUTE_LOTTERY, title=f"{COMPUTE_LOTTERY_TITLE}: {panel.title}",
        arguments={"selection_id": selection.pk}, started_by=started_by,
        municipality=panel.municipality)
    selection.save(update_fields=["job"])
    job = job_run(job_id=selection.job.pk)
    if job.status != BackgroundJob.Status.SUCCEEDED:
        raise RuntimeError(f"the demo lottery could not be computed: {job.errors}")
    selection.refresh_from_db()
    selection_draw(selection=selection, seed=SEED)
    selected = list(panel.respondents.filter(state=SelectionState.SELECTED).order_by("pk"))
    panel.respondents.filter(state__in=[SelectionState.SELECTED, SelectionState.NOT_SELECTED]
                             ).exclude(email="").update(notified_at=timezone.now())
    if selected:
        respondent_drop_out(respondent=selected[-1])
    return selection


def _waves_backdated(report, *, drawn_at, addresses_erased_at=None):
    """The documentation of the letters with the given moments (ISO, as stored)."""
    report = dict(report)
    stamps = {"drawn_at": drawn_at.isoformat(timespec="seconds")}
    if addresses_erased_at is not None:
        stamps["addresses_erased_at"] = addresses_erased_at.isoformat(timespec="seconds")
    waves = [dict(wave) for wave in report.get("waves", [])]
    for wave in waves:
        wave.update({key: value for key, value in stamps.items() if key in wave})
    if waves:
        report["waves"] = waves
    report.update({key: value for key, value in stamps.items() if key in report})
    return report


def _registrations_backdated(rng, panel, first_day, last_day):
    """Spread the registrations over the days the letters were out."""
    respondents = list(panel.respondents.order_by("pk"))
    days = (last_day - first_day).days
    for respondent in respondents:
        # More answers in the first weeks after the letters, as usual.
        day = first_day + datetime.timedelta(days=int(days * rng.random() ** 1.6))
        moment = _moment(day, rng.randint(7, 21), rng.randint(0, 59))
        respondent.created_at = respondent.consent_at = moment
    Respondent.objects.bulk_update(respondents, ["created_at", "consent_at"])


def _backdate_drawn_panel(rng, panel, selection, today):
    """The course of the drawn panel: set up ten weeks ago, letters drawn a week later, the
    registrations until the deadline, the lottery computed the day after the deadline and
    drawn on the announced date, the result told the day after, a drop-out a few days later
    (the state has no date of its own)."""
    deadline = panel.registration_deadline
    created = _moment(today - datetime.timedelta(weeks=10), 10, 12)
    letters = _moment(today - datetime.timedelta(weeks=9), 9, 30)
    Panel.objects.filter(pk=panel.pk).update(
        created_at=created,
        invitation_report=_waves_backdated(
            panel.invitation_report, drawn_at=letters,
            addresses_erased_at=_moment(deadline + datetime.timedelta(days=1), 2, 0)))
    panel.invitations.update(created_at=letters)
    _registrations_backdated(rng, panel, letters.date() + datetime.timedelta(days=3), deadline)
    computed = _moment(deadline + datetime.timedelta(days=1), 9, 0)
    Selection.objects.filter(pk=selection.pk).update(
        created_at=computed, drawn_at=_moment(panel.selection_date, 18, 5))
    BackgroundJob.objects.filter(pk=selection.job_id).update(
        created_at=computed, finished_at=computed + datetime.timedelta(minutes=2))
    panel.respondents.filter(notified_at__isnull=False).update(
        notified_at=_moment(panel.selection_date + datetime.timedelta(days=1), 10, 0))


def _drawn_panel(municipality, managers, today, rng):
    from .invitations import invitations_draw, letters_addresses_erase

    panel = services.panel_create(
        municipality=municipality, created_by=managers[0], title=TITLE,
        purpose="Wie kann Rüsselsheim am Main bis 2035 klimaneutral werden – und was ist "
                "dafür in Verkehr, Wohnen und Energie fair? Der Bürgerrat berät an vier "
                "Samstagen und übergibt seine Empfehlungen der Stadtverordnetenversammlung.",
        seats=30, invitation_factor=10,
        meeting_dates="Samstag, 10–17 Uhr, an vier Terminen im Rathaus, Marktplatz 4 "
                      "(barrierefrei). Kinderbetreuung und Aufwandsentschädigung von 100 € "
                      "je Termin.",
        registration_deadline=today + datetime.timedelta(days=1),
        selection_date=today - datetime.timedelta(days=7),
        seed_announcement="Die Lottozahlen 6 aus 49 vom Samstag vor der Auslosung, in der "
                          "gezogenen Reihenfolge, mit Superzahl.",
        algorithm="leximin", one_per_household=True,
        contact="Stabsstelle Klimaschutz, Marktplatz 4, 65428 Rüsselsheim am Main\n"
                "Telefon 06142 83-0, buergerrat@example.org",
        letter_text="Sie wurden zufällig aus dem Melderegister ausgewählt und sind herzlich "
                    "eingeladen, im Bürgerrat Klimaneutralität 2035 mitzuwirken. Vorkenntnisse "
                    "brauchen Sie nicht: Fachleute erklären, Moderatorinnen leiten an, und "
                    "jede Meinung zählt.",
        public=True, erase_on=today + datetime.timedelta(days=180))
    services.panel_managers_set(panel=panel, managers=managers)
    _features(panel, FEATURES, slack=1)
    invitations_draw(panel=panel, register_file=register_extract(rng))
    _respondents(rng, panel)
    # Registration closed two weeks ago; the lottery took place a week ago. Once letters are
    # out the service only moves the deadline later, so the demo turns the clock by hand.
    Panel.objects.filter(pk=panel.pk).update(
        registration_deadline=today - datetime.timedelta(days=14))
    panel.refresh_from_db()
    # As the nightly erase_panel_data does after the deadline: the letters keep their codes.
    letters_addresses_erase(panel=panel)
    selection = _lottery(panel, managers[0])
    panel.refresh_from_db()
    _backdate_drawn_panel(rng, panel, selection, today)
    return panel


def _panel_in_preparation(municipality, managers, today, rng):
    """Letters out a fortnight ago, registration open for three more weeks, nobody registered
    yet: every code in its letters works on the registration form."""
    from .invitations import invitations_draw

    panel = services.panel_create(
        municipality=municipality, created_by=managers[0], title=TITLE_PREPARATION,
        purpose="Wie soll die Innenstadt künftig erreichbar sein – zu Fuß, mit dem Rad, mit Bus "
                "und Auto? Der Bürgerrat gibt Empfehlungen für den Verkehrsentwicklungsplan.",
        seats=20, invitation_factor=12,
        meeting_dates="Zwei Wochenenden, jeweils Samstag und Sonntag 10–16 Uhr, im Rathaus, "
                      "Marktplatz 4 (barrierefrei). Die Termine werden mit der Einladung zum "
                      "ersten Treffen bekannt gegeben.",
        registration_deadline=today + datetime.timedelta(days=21),
        selection_date=today + datetime.timedelta(days=28),
        seed_announcement="Drei Würfelwürfe in der öffentlichen Sitzung des Klimabeirats.",
        algorithm="leximin", one_per_household=True,
        contact="Fachbereich Mobilität, Marktplatz 4, 65428 Rüsselsheim am Main\n"
                "Telefon 06142 83-0, mobilitaet@example.org",
        letter_text="Sie wurden zufällig aus dem Melderegister ausgewählt und sind herzlich "
                    "eingeladen, im Bürgerrat Mobilität in der Innenstadt mitzuwirken. "
                    "Vorkenntnisse brauchen Sie nicht, nur Ihre Erfahrung mit den Wegen in "
                    "unserer Stadt.",
        public=False, erase_on=today + datetime.timedelta(days=300))
    services.panel_managers_set(panel=panel, managers=managers)
    _features(panel, FEATURES[:3], slack=1)
    invitations_draw(panel=panel, register_file=register_extract(rng), wave=1)
    panel.refresh_from_db()
    letters = _moment(today - datetime.timedelta(days=14), 9, 30)
    Panel.objects.filter(pk=panel.pk).update(
        created_at=_moment(today - datetime.timedelta(days=21), 11, 0),
        invitation_report=_waves_backdated(panel.invitation_report, drawn_at=letters))
    Invitation.objects.filter(panel=panel).update(created_at=letters)
    return panel


def load_panels_demo(municipality, managers):
    """Give `municipality` its citizens' panels, managed by `managers` (members of its
    administration). Each panel is created only if no panel of its title exists, so loading
    again changes nothing."""
    managers = list(managers)
    today = timezone.localdate()
    rng = random.Random(2035)
    with transaction.atomic(), translation.override("de"):
        existing = set(Panel.objects.filter(municipality=municipality).values_list(
            "title", flat=True))
        if TITLE not in existing:
            _drawn_panel(municipality, managers, today, rng)
        if TITLE_PREPARATION not in existing:
            _panel_in_preparation(municipality, managers, today, rng)
