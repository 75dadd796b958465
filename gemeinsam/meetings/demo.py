"""Demo content for the bodies of Rüsselsheim am Main: the Runder Tisch, the jour fixe with the
environment office and the Klimabeirat.

Meetings, minutes, decisions and action items are invented but written to fit the alliance
(`gemeinsam.actors.demo`) and the Klimaaktionsplan (`gemeinsam.monitoring.demo`); members,
owners and measures are looked up there by name, and whatever is missing is left out. Past
meetings have fixed dates; upcoming ones and deadlines that are not due yet are relative to
today. Everything is written through the services. No e-mail is sent: the invitations of past
meetings are only marked as sent.

In minutes of public bodies, private persons are always named in full (as in the registry), so
that `selectors.public_minutes` can remove the names of those who did not agree to be named;
holders of a public office may be named any way.
"""

import datetime
import textwrap

from django.db import transaction
from django.utils import timezone, translation

from gemeinsam.actors.models import Actor, Position
from gemeinsam.monitoring.models import Measure

from . import services
from .models import ActionItem, ActionItemStatus, Body, BodyKind, BodyRole, Invitation, Rsvp

KSM = "Klimaschutzmanager:in"
UMWELT = "Leitung Umweltamt"
MOBIL = "Leitung Abteilung Mobilität"
AUSSCHUSS = "Vorsitz Ausschuss für Umwelt, Klima und Mobilität"
DEZ2 = "Erste:r Stadträt:in, Dezernat II"
KAEMMEREI = "Leitung Kämmerei"
OB = "Oberbürgermeister:in"

RATHAUS = "Rathaus Rüsselsheim, Großer Sitzungssaal"

# Since when people hold their office in the story of these minutes; before that they were not
# there (the registry's dates are relative to today, the minutes are not).
IN_OFFICE_SINCE = {
    "Dr. Katrin Weber": datetime.date(2026, 1, 27),
    "Nadine Krämer": datetime.date(2024, 12, 1),
    "Michael Trautmann": datetime.date(2024, 2, 27),
    "Julia Wendland": datetime.date(2026, 11, 1),
    "Dieter Hambach": datetime.date(2000, 1, 1),
}

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]


def _md(text):
    return textwrap.dedent(text).strip() + "\n"


def mtg(day, focus, *, time=None, place=None, online="", agenda=(), absent=(), minutes="",
        decisions=(), items=(), cancelled=False, approved=True):
    """A past meeting. `agenda`: (title, owner, minutes, measure codes); `absent`: names of
    invited people who did not come."""
    return {"day": datetime.date.fromisoformat(day), "focus": focus, "time": time,
            "place": place, "online": online, "agenda": agenda, "absent": set(absent),
            "minutes": minutes, "decisions": decisions, "items": items,
            "cancelled": cancelled, "approved": approved}


def ai(what, owner, due, measure=None, *, done=None, dropped=None):
    """An action item. `owner`: a position title or an actor's name; `due`: an ISO date or a
    number of days from today; `done`/`dropped`: the day it was closed."""
    closed = (("done", done) if done else ("dropped", dropped) if dropped else None)
    return {"what": what, "owner": owner, "due": due, "measure": measure,
            "closed": (closed[0], datetime.date.fromisoformat(closed[1])) if closed else None}


# --------------------------------------------------------------------------------------------
# Runder Tisch Klimaschutz Rüsselsheim (public)
# --------------------------------------------------------------------------------------------

ROUND_TABLE = {
    "name": "Runder Tisch Klimaschutz Rüsselsheim",
    "kind": BodyKind.ROUND_TABLE,
    "public": True,
    "purpose": (
        "Stadtgesellschaft, Wirtschaft und Verwaltung beraten etwa zweimal im Jahr zu einem "
        "Schwerpunktthema des Klimaschutzes und geben Empfehlungen an den Magistrat und den "
        "Ausschuss für Umwelt, Klima und Mobilität. Die Lokale Agenda 21 moderiert, die "
        "Stabsstelle Klimaschutz führt die Geschäftsstelle, das Lokalteam RüsselsheimZero "
        "schreibt das Protokoll. Die Sitzungen sind öffentlich."),
    "start_time": datetime.time(18, 30),
    "duration": 120,
    "place": RATHAUS,
    "created": datetime.date(2021, 5, 25),
    "members": [
        (BodyRole.CHAIR, "Gerhard Wolff"),
        (BodyRole.MINUTE_TAKER, "Sabine Yılmaz"),
        (BodyRole.MEMBER, KSM),
        (BodyRole.MEMBER, UMWELT),
        (BodyRole.MEMBER, MOBIL),
        (BodyRole.MEMBER, AUSSCHUSS),
        (BodyRole.MEMBER, "Lokale Agenda 21 Rüsselsheim"),
        (BodyRole.MEMBER, "Stadtwerke Rüsselsheim GmbH"),
        (BodyRole.MEMBER, "Stefan Krüger"),
        (BodyRole.MEMBER, "Umweltverband Ortsgruppe Rüsselsheim e. V."),
        (BodyRole.MEMBER, "Fahrradinitiative Rüsselsheim e. V."),
        (BodyRole.MEMBER, "Paul Neumann"),
        (BodyRole.MEMBER, "Schüler:innen fürs Klima Rüsselsheim"),
        (BodyRole.MEMBER, "Lea Sommerfeld"),
        (BodyRole.MEMBER, "Bürgerenergie Mainspitze eG"),
        (BodyRole.MEMBER, "Renate Voss"),
        (BodyRole.MEMBER, "Verbraucher- und Energieberatung Kreis Groß-Gerau"),
        (BodyRole.MEMBER, "Annika Brandes"),
        (BodyRole.MEMBER, "Gewerbeverein Rüsselsheim e. V."),
        (BodyRole.MEMBER, "Tim Ohlendorf"),
        (BodyRole.MEMBER, "Städtische Wohnungsbaugesellschaft Rüsselsheim mbH"),
        (BodyRole.MEMBER, "Hochschule am Main, Campus Rüsselsheim"),
        (BodyRole.MEMBER, "Prof. Dr. Elena Marković"),
        (BodyRole.MEMBER, "Evangelische Stadtkirchengemeinde Rüsselsheim"),
        (BodyRole.MEMBER, "Johanna Albrecht"),
        (BodyRole.MEMBER, "Vogel- und Naturschutzgruppe Mainspitze e. V."),
        (BodyRole.MEMBER, "Elke Hartmann"),
        (BodyRole.MEMBER, "Nachbarschaftsinitiative Dicker Busch"),
        (BodyRole.MEMBER, "Horst Brandau"),
        (BodyRole.MEMBER, "Mieterbeirat Haßloch-Nord"),
        (BodyRole.MEMBER, "Fatma Öztürk"),
    ],
    "guests": [],
    "meetings": [
        mtg("2021-06-22", "Wärmewende", place="Online (Videokonferenz)",
            online="https://meet.example.org/runder-tisch-klima",
            agenda=[
                ("Begrüßung: Warum ein Runder Tisch?", "Lokale Agenda 21 Rüsselsheim", 15, ()),
                ("Impuls: Wie heizt Rüsselsheim heute?", "Stadtwerke Rüsselsheim GmbH", 30,
                 ("W 1", "W 1.2")),
                ("Diskussion: Was braucht die Wärmewende vor Ort?", None, 60, ("W 1.1",)),
                ("Verabredungen und nächste Termine", None, 15, ()),
            ],
            absent={"Fatma Öztürk", "Johanna Albrecht", "Tim Ohlendorf"},
            minutes=_md("""
                Wegen der Pandemie tagt der erste Runde Tisch als Videokonferenz; 31 Personen
                sind zugeschaltet. Gerhard Wolff (Lokale Agenda 21) moderiert, das Protokoll
                schreibt Sabine Yılmaz für RüsselsheimZero.

                ## Begrüßung

                Markus Schneider, Leiter des Umweltamts, begrüßt den Runden Tisch im Namen der
                Stadt: Die Verwaltung will das Wissen und die Ideen der Stadtgesellschaft früh
                einbinden. Gerhard Wolff erinnert an die lange Tradition der Lokalen Agenda 21
                und schlägt vor, jede Sitzung einem Schwerpunkt zu widmen.

                ## Impuls: Wie heizt Rüsselsheim heute?

                Stefan Krüger (Stadtwerke) zeigt die Zahlen: Gut 40 Prozent der Emissionen der
                Stadt entstehen beim Heizen. Drei von vier Gebäuden heizen mit Gas oder Öl, das
                Fernwärmenetz der Innenstadt wird von einem Erdgas-BHKW gespeist.

                ## Diskussion

                - Viele Teilnehmende wünschen sich eine Karte, die zeigt, wo Fernwärme kommt
                  und wo nicht – sonst warten Eigentümer:innen ab.
                - Horst Brandau (Nachbarschaftsinitiative Dicker Busch) berichtet von
                  Hochhäusern, deren Heizung seit Jahren ausgetauscht werden müsste.
                - Die Stadtwerke verweisen auf Abwärme aus der Industrie und den Main als
                  mögliche Wärmequellen.

                ## Verabredungen

                Der Runde Tisch trifft sich etwa zweimal im Jahr mit wechselndem Schwerpunkt.
                Nächstes Thema: Radverkehr.
            """),
            decisions=[
                "Der Runde Tisch tagt etwa zweimal im Jahr zu wechselnden Schwerpunkten; die "
                "Lokale Agenda 21 lädt ein und moderiert, RüsselsheimZero schreibt das "
                "Protokoll.",
                "Der Runde Tisch empfiehlt der Stadt, eine kommunale Wärmeplanung zu "
                "beauftragen, ohne auf eine gesetzliche Pflicht zu warten.",
            ],
            items=[
                ai("Daten zum Fernwärmenetz (Anschlüsse, Erzeugung, Emissionen) für das "
                   "Protokoll zusammenstellen", "Stadtwerke Rüsselsheim GmbH", "2021-08-31",
                   "W 1.2", done="2021-08-24"),
                ai("Fördermöglichkeiten für eine kommunale Wärmeplanung über die "
                   "Kommunalrichtlinie prüfen", UMWELT, "2021-10-31", "W 1.1",
                   done="2021-11-09"),
            ]),
        mtg("2021-11-23", "Radverkehr", online="https://meet.example.org/runder-tisch-klima",
            agenda=[
                ("Ergebnisse des Fahrradklima-Tests für Rüsselsheim",
                 "Fahrradinitiative Rüsselsheim e. V.", 25, ("V 1.1",)),
                ("Bericht der Verwaltung: Radverkehrskonzept", "Ralf Obermeier", 25,
                 ("V 1.1.1",)),
                ("Sichere Schulwege", None, 40, ("V 1.1", "V 1.8")),
                ("Verschiedenes", None, 10, ()),
            ],
            absent={"Renate Voss", "Prof. Dr. Elena Marković"},
            minutes=_md("""
                Die Sitzung findet im Rathaus statt (3G) und wird zusätzlich übertragen;
                26 Personen vor Ort, 9 online.

                ## Offene Arbeitsaufträge

                Die Stadtwerke haben die Daten zum Fernwärmenetz geliefert (Anlage). Das
                Umweltamt hat die Förderung der Wärmeplanung über die Kommunalrichtlinie
                geprüft: Ein Antrag ist möglich, sobald der Magistrat zustimmt.

                ## Fahrradklima-Test

                Paul Neumann (Fahrradinitiative) stellt die Ergebnisse vor: Rüsselsheim erhält
                die Schulnote 4,2. Am schlechtesten bewertet werden Radwege an Hauptstraßen,
                Falschparken auf Radwegen und fehlende Abstellanlagen am Bahnhof.

                ## Radverkehrskonzept

                Ralf Obermeier, Leiter des Tiefbau- und Verkehrsamts, kündigt die Ausschreibung
                eines Radverkehrskonzepts für das Frühjahr an. Er wirbt um Verständnis: Dem Amt
                fehlen zwei Planerstellen.

                ## Sichere Schulwege

                Lea Sommerfeld (Schüler:innen fürs Klima) berichtet von gefährlichen Stellen
                auf dem Weg zur Gesamtschule Mainufer. Eltern an der Grundschule Sonnenwiese
                klagen über Elterntaxis vor dem Schultor.
            """),
            decisions=[
                "Der Runde Tisch empfiehlt, das Radverkehrskonzept mit einer öffentlichen "
                "Online-Mängelkarte zu erarbeiten.",
                "Der Runde Tisch bittet die Verwaltung, Abstellanlagen am Bahnhof vorrangig zu "
                "planen.",
            ],
            items=[
                ai("Mängelliste zu Radwegen an Schulwegen erstellen und dem Tiefbau- und "
                   "Verkehrsamt übergeben", "Fahrradinitiative Rüsselsheim e. V.", "2022-03-31",
                   "V 1.1.1", done="2022-03-22"),
                ai("Zeitplan für die Ausschreibung des Radverkehrskonzepts mitteilen",
                   "Ralf Obermeier", "2022-02-28", "V 1.1.1", done="2022-03-15"),
            ]),
        mtg("2022-06-21", "Solaroffensive",
            agenda=[
                ("Grußwort der Oberbürgermeisterin", "Claudia Reinhardt-Sommer", 10, ()),
                ("Photovoltaik auf städtischen Dächern: Ergebnis der Dachprüfung",
                 "Sven Lützenkirchen", 25, ("E 1.1",)),
                ("Bürgersolaranlagen: Angebot der Bürgerenergie",
                 "Bürgerenergie Mainspitze eG", 20, ("E 1.1.4",)),
                ("Vorschlag: Förderprogramm Balkonkraftwerke", None, 30, ("E 1.3",)),
                ("Solarkataster und Beratung", None, 20, ("E 1.2",)),
            ],
            absent={"Horst Brandau"},
            minutes=_md("""
                42 Teilnehmende. Claudia Reinhardt-Sommer nimmt als neue Oberbürgermeisterin
                zum ersten Mal teil und sagt zu, die Solaroffensive zur Chefsache zu machen.

                ## Dachprüfung

                Sven Lützenkirchen (Hochbau und Gebäudemanagement) berichtet: Alle 74
                städtischen Dächer werden geprüft, zuerst Schulen und Kitas. Eine erste Tranche
                soll noch in diesem Jahr ausgeschrieben werden.

                ## Bürgersolaranlagen

                Renate Voss (Bürgerenergie Mainspitze) bietet an, Dächer zu pachten, die die
                Stadt nicht selbst belegt. Bürger:innen sollen sich ab 250 Euro beteiligen
                können.

                ## Balkonkraftwerke

                Sabine Yılmaz stellt den Vorschlag des Lokalteams vor: 200 Euro Zuschuss je
                Steckersolargerät, für Haushalte mit Rüsselsheim-Pass 400 Euro. Fatma Öztürk
                (Mieterbeirat Haßloch-Nord) betont, dass so auch Mieter:innen etwas von der
                Energiewende haben.

                ## Solarkataster

                Die Stabsstelle Klimaschutz bindet das Solarkataster Hessen auf der Website der
                Stadt ein; die Verbraucherberatung bietet Solar-Checks an.
            """),
            decisions=[
                "Der Runde Tisch empfiehlt ein städtisches Förderprogramm für Balkonkraftwerke "
                "mit doppeltem Zuschuss für Haushalte mit Rüsselsheim-Pass.",
                "Der Runde Tisch empfiehlt, geeignete städtische Dächer, die die Stadt nicht "
                "selbst belegt, an die Bürgerenergie zu verpachten.",
            ],
            items=[
                ai("Liste der geeigneten Dächer mit Zeitplan für die erste Tranche vorlegen",
                   "Sven Lützenkirchen", "2022-09-30", "E 1.1", done="2022-10-04"),
                ai("Magistratsvorlage für ein Förderprogramm Balkonkraftwerke vorbereiten",
                   KSM, "2022-09-15", "E 1.3", done="2022-09-27"),
                ai("Musterkalkulation für die Pacht städtischer Dächer erarbeiten",
                   "Bürgerenergie Mainspitze eG", "2022-12-31", "E 1.1.4", done="2023-02-21"),
            ]),
        mtg("2023-03-14", "Klimaanpassung",
            agenda=[
                ("Geschäftsordnung des Runden Tischs", "Lokale Agenda 21 Rüsselsheim", 15,
                 ("K 1.3",)),
                ("Hitze in der Stadt: Was kommt auf Rüsselsheim zu?", "Markus Schneider", 30,
                 ("N 1.6",)),
                ("Stadtbäume und Baumschutz", "Umweltverband Ortsgruppe Rüsselsheim e. V.", 30,
                 ("N 1.1", "N 1.2")),
                ("Gründächer und Entsiegelung", None, 25, ("N 1.5", "N 1.3")),
            ],
            absent={"Tim Ohlendorf", "Lea Sommerfeld"},
            minutes=_md("""
                Erste Sitzung nach der neuen Geschäftsordnung, die die
                Stadtverordnetenversammlung im Dezember zur Kenntnis genommen hat. Der Runde
                Tisch hat jetzt 28 benannte Mitglieder; dazu kommen Gäste.

                ## Geschäftsordnung

                Die Lokale Agenda 21 moderiert, die Stabsstelle Klimaschutz (Thomas Reuter)
                führt die Geschäftsstelle. Empfehlungen gehen an den Magistrat und den
                Ausschuss für Umwelt, Klima und Mobilität. Die Geschäftsordnung sieht vier
                Sitzungen im Jahr vor.

                ## Hitze in der Stadt

                Markus Schneider zeigt die Klimaanalyse: In der Innenstadt und in Haßloch-Nord
                gibt es im Sommer deutlich mehr Tropennächte als am Stadtrand. Horst Brandau
                schildert, wie ältere Nachbar:innen im Dicker Busch im Sommer 2022 ihre
                Wohnungen kaum verlassen konnten.

                ## Stadtbäume und Baumschutz

                Elke Hartmann (Vogel- und Naturschutzgruppe) und der Umweltverband fordern
                eine Baumschutzsatzung. Das Umweltamt hält eine Satzung für machbar, wenn die
                Regeln für Ersatzpflanzungen einfach bleiben.

                ## Gründächer und Entsiegelung

                Das Förderprogramm für Dach- und Fassadenbegrünung startet im April.
                Vorgeschlagen wird, Schulhöfe gemeinsam mit den Schüler:innen zu entsiegeln.
            """),
            decisions=[
                "Der Runde Tisch bestätigt seine Geschäftsordnung: Die Lokale Agenda 21 "
                "moderiert, die Stabsstelle Klimaschutz führt die Geschäftsstelle.",
                "Der Runde Tisch empfiehlt eine Baumschutzsatzung für alle Bäume ab 60 cm "
                "Stammumfang.",
                "Der Runde Tisch empfiehlt einen Hitzeaktionsplan gemeinsam mit dem "
                "Gesundheitsamt des Kreises.",
            ],
            items=[
                ai("Entwurf einer Baumschutzsatzung mit Regeln für Ersatzpflanzungen "
                   "erarbeiten", UMWELT, "2023-10-31", "N 1.2", done="2023-11-07"),
                ai("Pflanzaktion im Herbst mit der Nachbarschaftsinitiative Dicker Busch "
                   "organisieren", "Umweltverband Ortsgruppe Rüsselsheim e. V.", "2023-11-30",
                   "N 1.1", done="2023-11-25"),
                ai("Zusammenarbeit mit dem Gesundheitsamt des Kreises für einen "
                   "Hitzeaktionsplan klären", UMWELT, "2023-12-31", "N 1.6", done="2024-04-30"),
            ]),
        mtg("2023-09-26", "Klimaschutz in Unternehmen",
            agenda=[
                ("Klimaschutzpartnerschaft: erste Erfahrungen", "Carolin Diehl", 25,
                 ("I 1.1",)),
                ("Abwärme aus der Industrie für die Fernwärme", None, 30, ("W 1.2.2", "I 1.4")),
                ("Was brauchen kleine Betriebe?", "Gewerbeverein Rüsselsheim e. V.", 30,
                 ("I 1.2",)),
                ("Arbeitsweise des Runden Tischs", None, 15, ("K 1.3",)),
            ],
            absent={"Horst Brandau", "Johanna Albrecht", "Fatma Öztürk"},
            minutes=_md("""
                35 Teilnehmende, darunter Vertreter:innen von acht Betrieben als Gäste.

                ## Klimaschutzpartnerschaft

                Carolin Diehl, Leiterin der Wirtschaftsförderung, berichtet: 14 Unternehmen
                haben Interesse an der Klimaschutzpartnerschaft gezeigt, unterzeichnet haben
                bisher fünf. Die großen Industriebetriebe fehlen noch.

                ## Abwärme aus der Industrie

                Melanie Hock, Energiemanagerin bei Mainauto Komponenten, schätzt die nutzbare
                Abwärme der Lackiererei auf rund 6 GWh im Jahr. Stefan Krüger (Stadtwerke)
                hält eine Einspeisung ins Fernwärmenetz der Innenstadt für technisch möglich;
                entscheidend seien Leitungsbau und eine langfristige Liefervereinbarung.

                ## Kleine Betriebe

                Heike Brenner (Gewerbeverein) und Tim Ohlendorf (Bioladen Grünkern) wünschen
                sich eine Beratung ohne Papierkram. Die Wirtschaftsförderung bietet zusammen mit
                der IHK Sprechtage im Gewerbegebiet Hasengrund an.

                ## Arbeitsweise

                Vier Sitzungen im Jahr sind für die Ehrenamtlichen zu viel. Der Runde Tisch
                tagt künftig zweimal im Jahr; Themen werden in kleinen Arbeitsgruppen
                vorbereitet.
            """),
            decisions=[
                "Der Runde Tisch tagt künftig zweimal im Jahr; Schwerpunktthemen werden in "
                "Arbeitsgruppen vorbereitet.",
                "Der Runde Tisch unterstützt eine Liefervereinbarung über industrielle Abwärme "
                "für das Fernwärmenetz der Innenstadt.",
            ],
            items=[
                ai("Große Industriebetriebe persönlich in die Klimaschutzpartnerschaft "
                   "einladen", "Carolin Diehl", "2024-03-31", "I 1.1", done="2024-03-19"),
                ai("Einspeisung der Abwärme von Mainauto Komponenten ins Fernwärmenetz prüfen "
                   "und eine Absichtserklärung vorbereiten", "Stadtwerke Rüsselsheim GmbH",
                   "2024-06-30", "W 1.2.2"),
                ai("Sprechtage zur Energieberatung im Gewerbegebiet Hasengrund ankündigen",
                   "Carolin Diehl", "2023-11-30", "I 1.2", done="2023-11-21"),
            ]),
        mtg("2024-04-23", "Klimaschutz an Schulen",
            place="Gesamtschule Mainufer, Aula",
            agenda=[
                ("Begrüßung durch die Dezernentin für Bildung", "Gül Aksoy-Meier", 10, ()),
                ("Energiesparen mit dem Fifty-fifty-Modell", None, 25, ("K 1.7",)),
                ("Sanierung und Solaranlagen an Schulen", "Sven Lützenkirchen", 25,
                 ("G 1.2", "E 1.1.1")),
                ("Vorschlag aus der Elternwerkstatt: Schulstraße", None, 25, ("V 1.8",)),
                ("Was wollen die Schüler:innen?", "Schüler:innen fürs Klima Rüsselsheim", 25,
                 ("N 1.3", "N 1.8")),
            ],
            absent={"Renate Voss", "Tim Ohlendorf"},
            minutes=_md("""
                Zu Gast in der Aula der Gesamtschule Mainufer; 48 Teilnehmende, davon 15
                Schüler:innen.

                ## Begrüßung

                Gül Aksoy-Meier, Dezernentin für Bildung, Soziales und Ordnung, dankt der
                Schule für die Gastfreundschaft: Klimaschutz an Schulen sei Bildung und
                Gebäudepolitik zugleich.

                ## Fifty-fifty

                Sabrina Kühn, Schulleiterin der Gesamtschule Mainufer, möchte mit ihrer Schule
                beim Fifty-fifty-Modell einsteigen. Voraussetzung ist, dass die Zähler monatlich
                ausgelesen werden.

                ## Sanierung und Solaranlagen

                Sven Lützenkirchen berichtet vom Umbau der Grundschule Sonnenwiese zur ersten
                Schule ohne Gasheizung und von den Solaranlagen der ersten Tranche.

                ## Schulstraße

                Eltern aus der Elternwerkstatt schlagen vor, die Straße vor der Grundschule
                Sonnenwiese morgens 30 Minuten für Autos zu sperren. Die Abteilung Mobilität
                signalisiert schriftlich Unterstützung für einen Verkehrsversuch.

                ## Was wollen die Schüler:innen?

                Lea Sommerfeld fordert grüne Schulhöfe und ein Mitspracherecht bei der
                Planung. Die Schüler:innen schlagen kleine Wälder nach der Miyawaki-Methode
                auf Schulgeländen vor.
            """),
            decisions=[
                "Der Runde Tisch empfiehlt einen Verkehrsversuch „Schulstraße“ an der "
                "Grundschule Sonnenwiese für ein Schulhalbjahr.",
                "Der Runde Tisch empfiehlt, allen Schulen das Fifty-fifty-Modell anzubieten.",
            ],
            items=[
                ai("Verkehrsversuch Schulstraße mit dem Ordnungsamt vorbereiten", MOBIL,
                   "2024-08-31", "V 1.8", done="2024-09-10"),
                ai("Monatliche Zählerauslesung für weitere Fifty-fifty-Schulen klären",
                   "Gül Aksoy-Meier", "2024-12-31", "K 1.7"),
                ai("Standorte für Tiny Forests auf Schulgeländen vorschlagen",
                   "Schüler:innen fürs Klima Rüsselsheim", "2024-10-31", "N 1.8",
                   dropped="2025-10-21"),
            ]),
        mtg("2024-11-19", "Wohnen und Sanierung",
            agenda=[
                ("Energieberatung: Nachfrage und Wartezeiten",
                 "Verbraucher- und Energieberatung Kreis Groß-Gerau", 20, ("G 1.5",)),
                ("Förderprogramm „Klimabonus Sanierung“", "Markus Schneider", 20, ("G 1.6",)),
                ("Sanierung ohne Verdrängung: Sicht der Mieter:innen",
                 "Mieterbeirat Haßloch-Nord", 25, ("G 1.9",)),
                ("Quartierssanierung Dicker Busch", None, 20, ("G 1.7",)),
                ("Finanzierung aus Sicht der Kämmerei", "Jörg Weinand", 20, ("G 1.6",)),
            ],
            absent={"Lea Sommerfeld", "Prof. Dr. Elena Marković"},
            minutes=_md("""
                39 Teilnehmende.

                ## Offene Arbeitsaufträge

                Die Abwärme-Prüfung der Stadtwerke und die Zählerauslesung für Fifty-fifty
                sind noch offen. Die Schüler:innen suchen weiter Flächen für Tiny Forests.

                ## Energieberatung

                Annika Brandes (Verbraucher- und Energieberatung) berichtet von rund 290
                Beratungen im Jahr; die Wartezeit liegt inzwischen bei sechs Wochen.

                ## Klimabonus Sanierung

                Markus Schneider stellt den Entwurf der Förderrichtlinie vor: bis zu 3.000 Euro
                Zuschuss zu Dämmung und Heizungstausch, mit einem Bonus für Haushalte mit
                geringem Einkommen. Start ist zum 1. Januar 2025 geplant.

                ## Sanierung ohne Verdrängung

                Fatma Öztürk (Mieterbeirat Haßloch-Nord) fürchtet Mieterhöhungen nach
                Sanierungen. Die Wohnungsbaugesellschaft hat noch keinen veröffentlichten
                Sanierungsfahrplan; der Runde Tisch bittet den Aufsichtsrat, einen
                Klimapfad anzufordern.

                ## Quartierssanierung Dicker Busch

                Die Sanierungsmanagerin im Stadtteilbüro berät seit Juni; Horst Brandau
                begleitet Hausbesuche mit der Nachbarschaftsinitiative.

                ## Finanzierung

                Jörg Weinand, Leiter der Kämmerei, warnt: Der Haushalt 2025 ist noch nicht
                genehmigt, freiwillige Leistungen stehen unter Vorbehalt.
            """),
            decisions=[
                "Der Runde Tisch bittet den Aufsichtsrat der Wohnungsbaugesellschaft, einen "
                "Klimapfad für den Bestand zu beauftragen, bei dem die Warmmiete stabil bleibt.",
                "Der Runde Tisch empfiehlt eine zweite wöchentliche Sprechstunde der "
                "Energieberatung.",
            ],
            items=[
                ai("Zweite Sprechstunde der Energieberatung einrichten", UMWELT, "2025-06-30",
                   "G 1.5", done="2025-10-14"),
                ai("Klimapfad der Wohnungsbaugesellschaft in den Aufsichtsrat einbringen", OB,
                   "2025-04-30", "G 1.9", done="2025-04-15"),
                ai("Energiesparabend für Mieter:innen in Haßloch-Nord organisieren",
                   "Mieterbeirat Haßloch-Nord", "2025-03-31", "G 1.5", done="2025-03-20"),
            ]),
        mtg("2025-05-13", "Mobilität in der Innenstadt", cancelled=True,
            agenda=[
                ("Parkraummanagement: erste Erfahrungen", "Ralf Obermeier", 30, ("V 1.4",)),
                ("Fahrradstraßen in der Innenstadt", None, 30, ("V 1.1.3",)),
            ]),
        mtg("2025-10-21", "Kommunale Wärmeplanung",
            agenda=[
                ("Zielszenario und Eignungsgebiete", "Ingrid Hallstein", 30,
                 ("W 1.1", "W 1.1.2")),
                ("Grüne Fernwärme: Flusswasser-Wärmepumpe am Main",
                 "Stadtwerke Rüsselsheim GmbH", 25, ("W 1.2", "W 1.2.3")),
                ("Wärmenetze in Haßloch-Nord und Dicker Busch", None, 20, ("W 1.3", "G 1.7")),
                ("Sorgen der Eigentümer:innen", None, 20, ("W 1.5",)),
                ("Zusammenarbeit von Umweltamt und Lokalteam", None, 15, ()),
            ],
            absent={"Tim Ohlendorf"},
            minutes=_md("""
                Die für Mai geplante Sitzung zur Mobilität in der Innenstadt musste entfallen,
                weil der Sitzungssaal nach einem Wasserschaden gesperrt war. Heute 57
                Teilnehmende – so viele wie noch nie.

                ## Zielszenario und Eignungsgebiete

                Ingrid Hallstein, Leiterin des Stadtplanungsamts, stellt das Zielszenario vor:
                Innenstadt, Haßloch-Nord und Dicker Busch sind Eignungsgebiete für
                Wärmenetze, die übrigen Gebiete werden dezentral mit Wärmepumpen versorgt.
                Der Entwurf der Umsetzungsstrategie geht im November an die Fachämter.

                ## Flusswasser-Wärmepumpe

                Dr. Matthias Engelhardt, Geschäftsführer der Stadtwerke, berichtet vom
                wasserrechtlichen Antrag für eine 12-MW-Wärmepumpe am Mainufer. Die Abwärme von
                Mainauto Komponenten bleibt wegen des Investitionsstopps im Konzern offen.

                ## Haßloch-Nord und Dicker Busch

                Fatma Öztürk bittet darum, die Mieter:innen in Haßloch-Nord früh zu
                informieren, bevor Entscheidungen fallen.

                ## Sorgen der Eigentümer:innen

                Klaus-Dieter Remmert (Haus- und Grundbesitzerverein) warnt als Gast vor einem
                „Anschlusszwang“. Annika Brandes stellt klar: Der Wärmeplan verpflichtet
                niemanden; die Energieberatung erstellt ein neutrales Faktenblatt.

                ## Zusammenarbeit von Umweltamt und Lokalteam

                Thomas Reuter wechselt zum Jahresende zum Kreis; die Nachfolge ist
                ausgewählt. Damit zwischen den Sitzungen des Runden Tischs nichts liegen
                bleibt, vereinbaren Umweltamt und RüsselsheimZero einen Jour fixe.
            """),
            decisions=[
                "Umweltamt, Stabsstelle Klimaschutz und RüsselsheimZero treffen sich ab dem "
                "2. Dezember 2025 alle sechs Wochen dienstags um 17 Uhr zum Jour fixe.",
                "Der Runde Tisch empfiehlt verständliche Karten der Eignungsgebiete mit "
                "Adresssuche und Infoabende in allen drei Wärmenetzgebieten.",
            ],
            items=[
                ai("Verständliche Karte der Eignungsgebiete mit Adresssuche veröffentlichen",
                   "Ingrid Hallstein", "2026-01-31", "W 1.1.2", done="2026-02-10"),
                ai("Infoabende zur Fernwärme in der Innenstadt, in Haßloch-Nord und im Dicker "
                   "Busch anbieten", "Stadtwerke Rüsselsheim GmbH", 35, "W 1.3"),
                ai("Neutrales Faktenblatt zur Wärmeplanung für Eigentümer:innen erstellen",
                   "Verbraucher- und Energieberatung Kreis Groß-Gerau", "2026-03-31", "W 1.5"),
            ]),
        mtg("2026-06-23", "Bürgerbeteiligung",
            agenda=[
                ("Neustart nach der Kommunalwahl", "Lokale Agenda 21 Rüsselsheim", 15, ()),
                ("Der Klimaaktionsplan online: gemeinsames Monitoring", "Dr. Katrin Weber", 30,
                 ("K 1.4",)),
                ("Runder Tisch und Klimabeirat: wer macht was?", "Michael Trautmann", 20,
                 ("K 1.3",)),
                ("Jugendbeteiligung", "Schüler:innen fürs Klima Rüsselsheim", 25, ()),
                ("Klimaschutzfonds für Projekte aus der Stadtgesellschaft", None, 20,
                 ("F 1.2",)),
            ],
            absent={"Renate Voss", "Elke Hartmann"},
            minutes=_md("""
                Erste Sitzung nach der Kommunalwahl; 44 Teilnehmende.

                ## Offene Arbeitsaufträge

                Die Karte der Eignungsgebiete ist seit Februar online. Das Faktenblatt der
                Energieberatung und die Infoabende zur Fernwärme stehen noch aus.

                ## Monitoring

                Dr. Katrin Weber, seit Januar Klimaschutzmanagerin, zeigt den Klimaaktionsplan
                auf Gemeinsam: Verwaltung und Lokalteam berichten dort gemeinsam, wo beide
                übereinstimmen, ist der Stand vereinbart. Der Monitoringbericht 2025 lag
                erstmals schon im April vor.

                ## Runder Tisch und Klimabeirat

                Michael Trautmann, Vorsitzender des Ausschusses für Umwelt, Klima und
                Mobilität, erläutert den neuen Klimabeirat: Er berät die politischen Gremien
                zu Beschlüssen, der Runde Tisch bleibt der offene Ort der Stadtgesellschaft.
                Gerhard Wolff schlägt vor, dass der Runde Tisch zwei Mitglieder in den Beirat
                entsendet.

                ## Jugendbeteiligung

                Lea Sommerfeld wünscht sich ein Jugendforum Klima vor jeder Sitzung des
                Klimabeirats. Pfarrerin Johanna Albrecht bietet dafür den Saal des
                Gemeindehauses an.

                ## Klimaschutzfonds

                Der beschlossene Klimaschutzfonds ist wegen der Haushaltslage noch nicht
                ausgestattet. Vorschlag: mit Mitteln der Stadtwerke und Spenden beginnen.
            """),
            decisions=[
                "Der Runde Tisch entsendet die Lokale Agenda 21 und die Schüler:innen fürs Klima "
                "in den Klimabeirat.",
                "Der Runde Tisch empfiehlt, den Klimaschutzfonds 2027 mit mindestens 250.000 "
                "Euro zu starten, auch mit Mitteln der Stadtwerke.",
                "Die genehmigten Protokolle des Runden Tischs werden auf Gemeinsam "
                "veröffentlicht.",
            ],
            items=[
                ai("Monitoringbericht 2026 bis Ende März veröffentlichen, rechtzeitig vor den "
                   "Haushaltsberatungen", KSM, 120, "K 1.4"),
                ai("Finanzierungsmodell für den Klimaschutzfonds vorlegen", KAEMMEREI,
                   "2026-10-31", "F 1.2"),
                ai("Erstes Jugendforum Klima im Gemeindehaus organisieren",
                   "Schüler:innen fürs Klima Rüsselsheim", "2026-09-30", "K 1.3",
                   done="2026-09-17"),
            ]),
    ],
    "upcoming": {
        "weekday": 1, "min_days": 45, "time": datetime.time(18, 30),
        "focus": "Fortschreibung des Klimaschutzkonzepts",
        "agenda": [
            ("Vorschläge des Runden Tischs für die Fortschreibung 2027", None, 45,
             ("K 1.5",)),
            ("Bericht aus dem Klimabeirat", "Lokale Agenda 21 Rüsselsheim", 15, ()),
            ("Themen und Termine der nächsten Sitzungen", "Lokale Agenda 21 Rüsselsheim", 15,
             ()),
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Jour fixe Umweltamt – RüsselsheimZero (internal)
# --------------------------------------------------------------------------------------------

TEAM_GUESTS = [("koordination@example.org", "Lena Hoffmann"), ("team@example.org", "Jonas Becker")]

JOUR_FIXE = {
    "name": "Jour fixe Umweltamt – RüsselsheimZero",
    "kind": BodyKind.JOUR_FIXE,
    "public": False,
    "purpose": (
        "Umweltamt, Stabsstelle Klimaschutz und das Lokalteam RüsselsheimZero tauschen sich "
        "alle sechs Wochen aus: Was läuft in Verwaltung und Stadtgesellschaft, welche "
        "Veranstaltungen organisieren wir gemeinsam, wo hakt es? Entstanden aus dem Runden "
        "Tisch im Oktober 2025."),
    "recurrence": "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU",
    "first_date": datetime.date(2025, 12, 2),
    "start_time": datetime.time(17, 0),
    "duration": 90,
    "place": "Umweltamt, Besprechungsraum 2.14",
    "online_url": "https://meet.example.org/jourfixe-umweltamt",
    "created": datetime.date(2025, 10, 28),
    "members": [
        (BodyRole.CHAIR, UMWELT),
        (BodyRole.MINUTE_TAKER, "Sabine Yılmaz"),
        (BodyRole.MEMBER, KSM),
    ],
    "guests": TEAM_GUESTS,
    "meetings": [
        mtg("2025-12-02", "Auftakt und Arbeitsweise",
            agenda=[
                ("Wie wollen wir zusammenarbeiten?", "Markus Schneider", 30, ()),
                ("Veranstaltungen 2026: erste Sammlung", None, 30, ()),
                ("Übergabe im Klimaschutzmanagement", "Thomas Reuter", 20, ("K 1.1",)),
            ],
            minutes=_md("""
                Anwesend: Markus Schneider (Umweltamt), Thomas Reuter (Stabsstelle
                Klimaschutz), Sabine Yılmaz, Lena Hoffmann und Jonas Becker (RüsselsheimZero).

                ## Arbeitsweise

                Wir treffen uns alle sechs Wochen dienstags um 17 Uhr, im Umweltamt oder
                online. Jede Seite bringt Themen mit; Sabine Yılmaz schreibt das Protokoll,
                offene Aufgaben kommen automatisch auf die nächste Tagesordnung.

                ## Veranstaltungen 2026

                Erste Ideen: Rüsselsheimer Klimawochen im Juni mit einem Aktionstag auf dem
                Marktplatz, Pflanzaktion im Herbst, Infoabende zur Wärmeplanung.

                ## Übergabe

                Thomas Reuter verabschiedet sich zum Kreis. Dr. Katrin Weber übernimmt Ende
                Januar; bis dahin ist Markus Schneider Ansprechpartner für das Lokalteam.
            """),
            decisions=[
                "Der Jour fixe tagt alle sechs Wochen dienstags um 17 Uhr; Protokoll führt "
                "RüsselsheimZero.",
            ],
            items=[
                ai("Terminübersicht der städtischen Veranstaltungen 2026 schicken", UMWELT,
                   "2025-12-19", done="2025-12-18"),
                ai("Themenspeicher für den Jour fixe anlegen und teilen", "Sabine Yılmaz",
                   "2026-01-09", done="2026-01-08"),
            ]),
        mtg("2026-01-13", "Rüsselsheimer Klimawochen 2026",
            agenda=[
                ("Klimawochen 2026: Rahmen und Budget", "Markus Schneider", 30, ()),
                ("Sammelbestellung Balkonkraftwerke", None, 20, ("E 1.3",)),
                ("Stand Haushalt 2026", None, 15, ("G 1.6",)),
            ],
            absent={"Jonas Becker"},
            minutes=_md("""
                Anwesend: Markus Schneider, Sabine Yılmaz, Lena Hoffmann. Die Stelle im
                Klimaschutzmanagement ist bis zum Dienstantritt von Dr. Katrin Weber frei.

                ## Klimawochen 2026

                Zeitraum 1. bis 14. Juni, Aktionstag am Samstag, 13. Juni, auf dem Marktplatz.
                Das Umweltamt stellt 8.000 Euro bereit, RüsselsheimZero koordiniert die
                Vereine und Initiativen.

                ## Balkonkraftwerke

                Das Förderprogramm erreicht Mieter:innen in Haßloch-Nord kaum. Idee: eine
                Sammelbestellung mit dem Mieterbeirat, Beratung vor Ort durch die
                Verbraucherberatung.

                ## Haushalt

                Der Haushalt 2026 ist noch nicht genehmigt; der Klimabonus Sanierung bleibt
                ausgesetzt.
            """),
            items=[
                ai("Sammelbestellung Balkonkraftwerke mit dem Mieterbeirat Haßloch-Nord "
                   "klären", UMWELT, "2026-03-31", "E 1.3", done="2026-05-12"),
                ai("Programmentwurf der Klimawochen an Vereine und Initiativen schicken",
                   "Sabine Yılmaz", "2026-02-20", done="2026-02-19"),
            ]),
        mtg("2026-02-24", "Kommunalwahl und Klimawochen",
            agenda=[
                ("Neutralität der Verwaltung vor der Kommunalwahl", "Dr. Katrin Weber", 15, ()),
                ("Klimawochen: Aktionstag auf dem Marktplatz", None, 30, ()),
                ("Bürgersolar: Mustervertrag für kleine Dächer", None, 20, ("E 1.1.4",)),
            ],
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber (erste Sitzung als
                Klimaschutzmanagerin), Sabine Yılmaz, Lena Hoffmann, Jonas Becker.

                ## Kommunalwahl

                Bis zur Wahl am 15. März tritt die Verwaltung bei Veranstaltungen des
                Lokalteams nicht auf. Die Wahlprüfsteine von RüsselsheimZero laufen
                ausschließlich über das Lokalteam.

                ## Aktionstag

                Das Umweltamt reserviert den Marktplatz; RüsselsheimZero fragt Repair-Café,
                Fahrradinitiative und Bürgerenergie an.

                ## Mustervertrag

                Die Pachtverträge für kleine Dächer sind zu aufwendig. Dr. Katrin Weber nimmt
                den Vorschlag eines Mustervertrags mit ins Gebäudemanagement.
            """),
            items=[
                ai("Marktplatz für den Aktionstag am 13. Juni reservieren", UMWELT,
                   "2026-03-31", done="2026-03-26"),
                ai("Repair-Café, Fahrradinitiative und Bürgerenergie für den Aktionstag "
                   "anfragen", "Sabine Yılmaz", "2026-04-03", done="2026-04-02"),
                ai("Mustervertrag für die Verpachtung kleiner Dächer mit dem "
                   "Gebäudemanagement besprechen", KSM, "2026-04-30", "E 1.1.4",
                   done="2026-05-15"),
            ]),
        mtg("2026-04-07", "Klimabeirat und Hitzeschutz",
            agenda=[
                ("Ergebnis der Kommunalwahl: was bedeutet es für den Klimaschutz?", None, 20,
                 ()),
                ("Gründung des Klimabeirats", "Dr. Katrin Weber", 20, ()),
                ("Hitzeaktionsplan: Karte kühler Orte", "Markus Schneider", 25, ("N 1.6",)),
            ],
            absent={"Lena Hoffmann"},
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber, Sabine Yılmaz, Jonas Becker.

                ## Nach der Wahl

                Die Koalition aus SoRü und GLR hat ihre Mehrheit knapp behalten. Im
                Koalitionsvertrag steht ein Klimabeirat.

                ## Klimabeirat

                Die Stabsstelle bereitet die konstituierende Sitzung im Juni vor. Je ein
                Sitz für die Fraktionen, dazu Fachleute aus Hochschule, Stadtwerken,
                Energieberatung und Stadtgesellschaft.

                ## Kühle Orte

                Das Umweltamt kartiert kühle Orte für den Sommer. RüsselsheimZero sammelt
                Vorschläge, insbesondere Kirchen und Bibliotheken.
            """),
            items=[
                ai("Konstituierende Sitzung des Klimabeirats vorbereiten", KSM, "2026-06-05",
                   done="2026-06-04"),
                ai("Vorschläge für kühle Orte sammeln (Kirchen, Bibliotheken, Gemeindehäuser)",
                   "Sabine Yılmaz", "2026-05-15", "N 1.6", done="2026-05-18"),
            ]),
        mtg("2026-05-19", "Klimawochen und Pflanzaktion",
            agenda=[
                ("Klimawochen: letzte Absprachen", "Sabine Yılmaz", 30, ()),
                ("Pflanzaktion im Herbst", "Markus Schneider", 20, ("N 1.1",)),
                ("Gießpatenschaften", None, 15, ("N 1.1",)),
            ],
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber, Sabine Yılmaz, Lena Hoffmann,
                Jonas Becker.

                ## Klimawochen

                23 Veranstaltungen von 17 Vereinen und Initiativen. Die erste Sammelbestellung
                von Balkonkraftwerken mit dem Mieterbeirat wird am Aktionstag vorgestellt.

                ## Pflanzaktion

                Samstag, 7. November, im Dicker Busch und an der Grundschule Sonnenwiese. Das
                Umweltamt stellt Setzlinge, Werkzeug und Fachleute, RüsselsheimZero wirbt
                Helfer:innen.

                ## Gießpatenschaften

                Für neue Bäume werden Gießpat:innen gesucht, vor allem in der Innenstadt.
            """),
            items=[
                ai("Setzlinge, Werkzeug und Fachbegleitung für die Pflanzaktion bereitstellen",
                   UMWELT, "2026-10-30", "N 1.1", done="2026-11-06"),
                ai("Gießpat:innen für die neuen Bäume werben", "Sabine Yılmaz", "2026-09-30",
                   "N 1.1", done="2026-09-15"),
            ]),
        mtg("2026-06-30", "Rückblick Klimawochen",
            agenda=[
                ("Rückblick Klimawochen", "Sabine Yılmaz", 30, ()),
                ("Hitzeschutz im Sommer", "Markus Schneider", 20, ("N 1.6",)),
                ("Zahlen für den Blog des Lokalteams", None, 10, ("E 1.3",)),
            ],
            absent={"Jonas Becker"},
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber, Sabine Yılmaz, Lena Hoffmann.

                ## Klimawochen

                Rund 2.300 Besucher:innen, 64 Balkonkraftwerke in der Sammelbestellung. Die
                Zusammenarbeit hat gut funktioniert; nächstes Jahr früher mit der Werbung
                beginnen.

                ## Hitzeschutz

                Die Karte mit 24 kühlen Orten ist online. Sie soll auch auf Türkisch und
                Englisch erscheinen.

                ## Zahlen

                Die Stabsstelle liefert die Förderzahlen der Balkonkraftwerke für einen
                Blogbeitrag.
            """),
            items=[
                ai("Karte der kühlen Orte auf Türkisch und Englisch veröffentlichen", UMWELT,
                   "2026-08-31", "N 1.6"),
                ai("Förderzahlen der Balkonkraftwerke für den Blog liefern", KSM,
                   "2026-07-15", "E 1.3", done="2026-07-14"),
            ]),
        mtg("2026-08-11", "Sommerpause", cancelled=True,
            agenda=[("Austausch zum Stand der Aufgaben", None, 60, ())]),
        mtg("2026-09-22", "Haushalt 2027 und Fernwärme",
            agenda=[
                ("Anmeldungen für den Haushalt 2027", "Dr. Katrin Weber", 25,
                 ("G 1.6", "F 1.2")),
                ("Gemeinsamer Infoabend Fernwärme mit den Stadtwerken", None, 25, ("W 1.2",)),
                ("Raum für die Energieberatung", "Markus Schneider", 15, ("G 1.5",)),
            ],
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber, Sabine Yılmaz, Lena Hoffmann,
                Jonas Becker. Der Termin im August ist wegen der Urlaubszeit entfallen.

                ## Haushalt 2027

                Die Stabsstelle meldet den Klimabonus Sanierung und den Klimaschutzfonds für
                den Haushalt 2027 an. Die Empfehlungen von Runder Tisch und Klimabeirat werden
                der Anmeldung beigelegt.

                ## Infoabend Fernwärme

                Viele Anfragen aus der Innenstadt, auch von Kritiker:innen des
                Parkraumkonzepts. Vorschlag: ein gemeinsamer Abend mit den Stadtwerken im
                Dezember, moderiert von RüsselsheimZero.

                ## Energieberatung

                Die Verbraucherberatung braucht einen zusätzlichen Raum für eine
                Abendsprechstunde. Das Umweltamt fragt im Rathaus an.
            """),
            items=[
                ai("Klimabonus Sanierung und Klimaschutzfonds für den Haushalt 2027 anmelden",
                   KSM, "2026-10-09", "G 1.6", done="2026-10-08"),
                ai("Infoabend Fernwärme mit den Stadtwerken planen und einladen",
                   "Sabine Yılmaz", 25, "W 1.2"),
                ai("Raum im Rathaus für eine Abendsprechstunde der Energieberatung klären",
                   UMWELT, "2026-11-13", "G 1.5"),
            ]),
        mtg("2026-11-03", "Wärmeplan und Monitoring",
            agenda=[
                ("Pflanzaktion am 7. November: letzte Absprachen", "Markus Schneider", 15,
                 ("N 1.1",)),
                ("Wärmeplan in der Stadtverordnetenversammlung im Dezember", None, 25,
                 ("W 1.1.3",)),
                ("Zeitplan für den Monitoringbericht 2026", "Dr. Katrin Weber", 20,
                 ("K 1.4",)),
            ],
            approved=False,
            minutes=_md("""
                Anwesend: Markus Schneider, Dr. Katrin Weber, Sabine Yılmaz, Lena Hoffmann,
                Jonas Becker. Entwurf, Genehmigung in der nächsten Sitzung.

                ## Pflanzaktion

                Alles steht: 70 Bäume, 45 angemeldete Helfer:innen. Das Umweltamt schickt
                danach Fotos und einen Dank an alle Beteiligten.

                ## Wärmeplan

                Der Beschluss ist für die Sitzung der Stadtverordnetenversammlung im Dezember
                geplant. RüsselsheimZero ruft dazu auf, die Sitzung zu besuchen.

                ## Monitoringbericht

                Ziel ist die Veröffentlichung bis Ende März, damit der Bericht in die
                Haushaltsberatungen einfließt. Die Stabsstelle verschickt einen Zeitplan für
                die Berichte der Fachämter und des Lokalteams.
            """),
            items=[
                ai("Zur Sitzung der Stadtverordnetenversammlung mit dem Wärmeplan mobilisieren",
                   "Sabine Yılmaz", 20, "W 1.1.3"),
                ai("Zeitplan für die Berichte zum Monitoringbericht 2026 verschicken", KSM,
                   "2026-11-20", "K 1.4"),
                ai("Fotos und Dank nach der Pflanzaktion verschicken", UMWELT, "2026-11-13",
                   "N 1.1", done="2026-11-12"),
            ]),
    ],
    "upcoming": {
        "agenda": [
            ("Genehmigung des Protokolls vom 3. November", None, 5, ()),
            ("Rückblick auf die Pflanzaktion", "Markus Schneider", 15, ("N 1.1",)),
            ("Jahresplanung: Klimawochen und Veranstaltungen im nächsten Jahr",
             "Sabine Yılmaz", 40, ()),
        ],
        "rsvps": [
            ("Markus Schneider", Rsvp.YES, ""),
            ("Dr. Katrin Weber", Rsvp.MAYBE, "Ich komme eventuell später aus dem Magistrat."),
            ("Sabine Yılmaz", Rsvp.YES, "Ich bringe den Entwurf der Jahresplanung mit."),
            ("Jonas Becker", Rsvp.NO, "Ich bin im Urlaub; Lena vertritt mich."),
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Klimabeirat (public)
# --------------------------------------------------------------------------------------------

ADVISORY_BOARD = {
    "name": "Klimabeirat",
    "kind": BodyKind.ADVISORY_BOARD,
    "public": True,
    "purpose": (
        "Der Klimabeirat berät Magistrat und Stadtverordnetenversammlung bei Beschlüssen mit "
        "Bedeutung für den Klimaschutz. Ihm gehören je eine Person jeder Fraktion sowie "
        "Fachleute aus Wissenschaft, Energieversorgung, Beratung und Stadtgesellschaft an. "
        "Den Vorsitz hat der Erste Stadtrat, die Geschäftsstelle liegt bei der Stabsstelle "
        "Klimaschutz. Eingerichtet nach der Kommunalwahl 2026."),
    "start_time": datetime.time(18, 0),
    "duration": 120,
    "place": "Rathaus Rüsselsheim, Magistratssitzungssaal",
    "created": datetime.date(2026, 5, 26),
    "members": [
        (BodyRole.CHAIR, DEZ2),
        (BodyRole.MINUTE_TAKER, KSM),
        (BodyRole.MEMBER, "Fraktionsvorsitz Soziales Rüsselsheim"),
        (BodyRole.MEMBER, "Fraktionsvorsitz Grüne Liste"),
        (BodyRole.MEMBER, "Fraktionsvorsitz BBR"),
        (BodyRole.MEMBER, "Fraktionsvorsitz Liberale Mitte"),
        (BodyRole.MEMBER, "Fraktionsvorsitz Freie Wähler Mainspitze"),
        (BodyRole.MEMBER, "Prof. Dr. Elena Marković"),
        (BodyRole.MEMBER, "Stefan Krüger"),
        (BodyRole.MEMBER, "Annika Brandes"),
        (BodyRole.MEMBER, "Gerhard Wolff"),
        (BodyRole.MEMBER, "Lea Sommerfeld"),
        (BodyRole.MEMBER, "Städtische Wohnungsbaugesellschaft Rüsselsheim mbH"),
        (BodyRole.MEMBER, "Gewerbeverein Rüsselsheim e. V."),
    ],
    "guests": [],
    "meetings": [
        mtg("2026-06-18", "Konstituierende Sitzung",
            agenda=[
                ("Begrüßung und Verpflichtung der Mitglieder", "Bernd Falkenhahn", 15, ()),
                ("Geschäftsordnung und Wahl der Stellvertretung", None, 20, ()),
                ("Arbeitsprogramm 2026/2027", "Dr. Katrin Weber", 45,
                 ("W 1.1.3", "G 1.6", "N 1.6")),
                ("Termine", None, 10, ()),
            ],
            minutes=_md("""
                Der Klimabeirat kommt zu seiner konstituierenden Sitzung zusammen; alle
                Fraktionen sind vertreten.

                ## Begrüßung

                Bernd Falkenhahn, Erster Stadtrat, leitet die Sitzung. Er erinnert an das Ziel
                der Stadt, bis 2035 klimaneutral zu werden, und an die angespannte
                Haushaltslage.

                ## Geschäftsordnung

                Der Beirat beschließt seine Geschäftsordnung. Zur stellvertretenden
                Vorsitzenden wird Prof. Dr. Elena Marković (Hochschule am Main) gewählt.
                Hans-Peter Kollmann (BBR) stimmt gegen die Geschäftsordnung, weil der Beirat
                aus seiner Sicht Doppelstrukturen schafft.

                ## Arbeitsprogramm

                Dr. Katrin Weber schlägt drei Schwerpunkte vor: den Beschluss des Wärmeplans,
                das Förderprogramm „Klimabonus Sanierung“ und den Hitzeaktionsplan.
                Sevgi Arslan-Brück (SoRü) bittet, soziale Folgen jeweils mitzubetrachten.
                Dr. Friederike Anselm (GLR) regt an, dass der Beirat vor jeder Sitzung der
                Stadtverordnetenversammlung mit Klimabezug eine Stellungnahme abgibt.

                ## Termine

                Der Beirat tagt etwa vierteljährlich donnerstags um 18 Uhr.
            """),
            decisions=[
                "Der Klimabeirat beschließt seine Geschäftsordnung (bei einer Gegenstimme) und "
                "wählt die Vertreterin der Hochschule zur stellvertretenden Vorsitzenden.",
                "Schwerpunkte 2026/2027 sind der Wärmeplan, der Klimabonus Sanierung und der "
                "Hitzeaktionsplan.",
            ],
            items=[
                ai("Entwurf der Umsetzungsstrategie zur Wärmeplanung an alle Mitglieder "
                   "schicken", KSM, "2026-07-15", "W 1.1.3", done="2026-07-09"),
                ai("Stellungnahme zum Ausbaupfad der Fernwärme vorbereiten",
                   "Hochschule am Main, Campus Rüsselsheim", "2026-09-15", "W 1.1.3",
                   done="2026-09-14"),
            ]),
        mtg("2026-09-24", "Wärmeplan und Klimabonus",
            agenda=[
                ("Stellungnahme zum Wärmeplan", "Ingrid Hallstein", 50, ("W 1.1.3",)),
                ("Klimabonus Sanierung im Haushalt 2027", "Jörg Weinand", 30, ("G 1.6",)),
                ("Hitzeaktionsplan: Rückblick auf den Sommer", "Markus Schneider", 20,
                 ("N 1.6",)),
            ],
            absent={"Lea Sommerfeld"},
            minutes=_md("""
                ## Wärmeplan

                Ingrid Hallstein stellt den überarbeiteten Entwurf mit einem Ausbaupfad je
                Eignungsgebiet vor. Prof. Dr. Elena Marković trägt die Stellungnahme der
                Hochschule vor: Der Pfad ist plausibel, braucht aber Jahresziele für den
                Fernwärmeausbau. Stefan Krüger (Stadtwerke) hält Jahresziele für machbar,
                wenn die Förderung nach BEW Modul 2 bewilligt wird. Werner Schäfermeier (FWM)
                fragt nach den Kosten für Eigentümer:innen; Annika Brandes verweist auf die
                Beratung der Verbraucherberatung.

                ## Klimabonus Sanierung

                Jörg Weinand, Leiter der Kämmerei, hält 250.000 Euro im Haushalt 2027 für
                möglich, wenn an anderer Stelle gespart wird. Hans-Peter Kollmann lehnt neue
                freiwillige Leistungen ab.

                ## Hitzeaktionsplan

                Markus Schneider berichtet von einem ruhigen Sommer; die Karte der kühlen
                Orte wurde gut genutzt. Gerhard Wolff bittet, die Kirchen einzubeziehen.
            """),
            decisions=[
                "Der Klimabeirat empfiehlt der Stadtverordnetenversammlung, den Wärmeplan mit "
                "verbindlichen Jahreszielen für den Fernwärmeausbau zu beschließen (bei einer "
                "Gegenstimme).",
                "Der Klimabeirat empfiehlt, den Klimabonus Sanierung im Haushalt 2027 mit "
                "mindestens 250.000 Euro auszustatten.",
            ],
            items=[
                ai("Finanzierung des Klimabonus Sanierung im Haushaltsentwurf 2027 darstellen",
                   KAEMMEREI, "2026-11-15", "G 1.6"),
                ai("Endfassung des Wärmeplans vor der Beschlussfassung im Beirat vorstellen",
                   "Ingrid Hallstein", 24, "W 1.1.3"),
                ai("Kirchen und Gemeindehäuser als kühle Orte in den Hitzeaktionsplan "
                   "aufnehmen", UMWELT, 90, "N 1.6"),
            ]),
    ],
    "upcoming": {
        "weekday": 3, "min_days": 21, "time": datetime.time(18, 0),
        "focus": "Haushalt 2027",
        "agenda": [
            ("Stellungnahme zum Haushaltsentwurf 2027", "Jörg Weinand", 45,
             ("G 1.6", "F 1.2")),
            ("Bericht aus dem Jugendforum Klima", "Schüler:innen fürs Klima Rüsselsheim", 15,
             ()),
        ],
    },
}

BODIES = [ROUND_TABLE, JOUR_FIXE, ADVISORY_BOARD]


def _holidays(day):
    """Between Christmas and Epiphany nobody meets."""
    return (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 6)


def _upcoming_day(today, weekday, min_days):
    day = today + datetime.timedelta(days=min_days)
    while day.weekday() != weekday or _holidays(day):
        day += datetime.timedelta(days=1)
    return day


class _Loader:
    def __init__(self, municipality):
        self.municipality = municipality
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.actors = {a.name: a for a in Actor.objects.filter(municipality=municipality,
                                                               erased_at__isnull=True)}
        self.positions = {p.title: p for p in Position.objects.filter(municipality=municipality)}
        self.measures = {m.code: m for m in Measure.objects.filter(
            plan__municipality=municipality)}

    @staticmethod
    def at(day, time):
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def due(self, spec):
        if spec is None:
            return None
        if isinstance(spec, int):
            return self.today + datetime.timedelta(days=spec)
        return datetime.date.fromisoformat(spec)

    def owner(self, name):
        if name in self.positions:
            return {"owner_position": self.positions[name]}
        return {"owner_actor": self.actors.get(name)}

    def agenda(self, meeting, agenda):
        for title, owner, minutes, codes in agenda:
            services.agenda_item_add(
                meeting=meeting, title=title, owner=self.actors.get(owner),
                duration_minutes=minutes,
                measures=[self.measures[code] for code in codes if code in self.measures])

    def body(self, spec):
        body = services.body_create(
            municipality=self.municipality, name=spec["name"], kind=spec["kind"],
            purpose=spec["purpose"], public=spec["public"],
            recurrence=spec.get("recurrence", ""), first_date=spec.get("first_date"),
            start_time=spec["start_time"], duration_minutes=spec["duration"],
            place=spec["place"], online_url=spec.get("online_url", ""))
        Body.objects.filter(pk=body.pk).update(
            created_at=self.at(spec["created"], datetime.time(10)))
        for role, name in spec["members"]:
            if name in self.positions:
                services.body_member_add(body=body, position=self.positions[name], role=role)
            elif name in self.actors:
                services.body_member_add(body=body, actor=self.actors[name], role=role)
        closing = []  # (action item, status, day)
        for meeting_spec in spec["meetings"]:
            self.close(closing, before=meeting_spec["day"])
            self.meeting(body, spec, meeting_spec, closing)
        self.close(closing, before=self.today)
        return body

    def close(self, closing, *, before):
        for entry in [entry for entry in closing if entry[2] < before]:
            item, status, day = entry
            services.action_item_set_status(item=item, status=status)
            if status == ActionItemStatus.DONE:
                ActionItem.objects.filter(pk=item.pk).update(done_on=day)
            closing.remove(entry)

    def meeting(self, body, body_spec, spec, closing):
        starts_at = self.at(spec["day"], spec["time"] or body_spec["start_time"])
        meeting = services.meeting_schedule(
            body=body, starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=body_spec["duration"]),
            focus_topic=spec["focus"], place=spec["place"], online_url=spec["online"] or None)
        self.agenda(meeting, spec["agenda"])
        services.invitations_create(meeting=meeting, guests=body_spec["guests"])
        if spec["cancelled"]:
            meeting = services.meeting_cancel(meeting=meeting)
        # The invitations (and the cancellation) went out two weeks before.
        Invitation.objects.filter(meeting=meeting).update(
            sent_at=starts_at - datetime.timedelta(days=14), sent_sequence=meeting.sequence)
        if spec["cancelled"]:
            return meeting
        present = [invitation.pk for invitation in meeting.invitations.all()
                   if invitation.name not in spec["absent"]
                   and IN_OFFICE_SINCE.get(invitation.name, spec["day"]) <= spec["day"]]
        services.attendance_record(meeting=meeting, present=present)
        services.minutes_save(meeting=meeting, version=meeting.version,
                              minutes=self.minutes(meeting, spec), approved=spec["approved"])
        for text in spec["decisions"]:
            services.decision_add(meeting=meeting, text=text)
        for item_spec in spec["items"]:
            item = services.action_item_add(
                meeting=meeting, what=item_spec["what"], due_on=self.due(item_spec["due"]),
                measure=self.measures.get(item_spec["measure"]),
                **self.owner(item_spec["owner"]))
            if item_spec["closed"]:
                status, day = item_spec["closed"]
                closing.append((item, status, day))
        return meeting

    @staticmethod
    def minutes(meeting, spec):
        day = spec["day"]
        head = [f"# Protokoll: {meeting.body.name}, {day.day}. {MONTHS[day.month - 1]} "
                f"{day.year}", "", f"**Schwerpunkt:** {spec['focus']}  ",
                f"**Ort:** {meeting.place or meeting.online_url}", ""]
        return "\n".join(head) + "\n" + spec["minutes"]

    def upcoming(self, body, spec):
        upcoming = spec["upcoming"]
        if body.recurrence:
            # The rhythm's next date, unless it falls into the holidays.
            starts_at = next(day for day in services.next_dates(body, count=3)
                             if not _holidays(timezone.localtime(day).date()))
            focus = ""
        else:
            starts_at = self.at(_upcoming_day(self.today, upcoming["weekday"],
                                              upcoming["min_days"]), upcoming["time"])
            focus = upcoming["focus"]
        meeting = services.meeting_schedule(body=body, starts_at=starts_at, focus_topic=focus)
        self.agenda(meeting, upcoming["agenda"])
        if upcoming.get("rsvps"):
            services.invitations_create(meeting=meeting, guests=spec["guests"])
            # Marked as sent; the demo sends no e-mail.
            meeting.invitations.update(sent_at=self.now, sent_sequence=meeting.sequence)
            invitations = {invitation.name: invitation for invitation in
                           meeting.invitations.all()}
            for name, answer, note in upcoming["rsvps"]:
                if name in invitations:
                    services.rsvp_answer(token=services.rsvp_token(invitations[name]),
                                         answer=answer, note=note)
        return meeting


def load_meetings_demo(municipality):
    """Give `municipality` (Rüsselsheim am Main) its Runder Tisch, the jour fixe with the
    environment office and the Klimabeirat, with fictional meetings, minutes and action items.

    Members, owners and measures come from the alliance and plan demos. Does nothing if the
    municipality already has bodies.
    """
    if Body.objects.filter(municipality=municipality).exists():
        return None
    loader = _Loader(municipality)
    bodies = []
    with transaction.atomic(), translation.override("de"):
        for spec in BODIES:
            body = loader.body(spec)
            loader.upcoming(body, spec)
            bodies.append(body)
    return bodies
