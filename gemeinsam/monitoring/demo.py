"""Demo content for the Klimaaktionsplan of Rüsselsheim am Main.

The plan, its measures, reports, blockers and indicators are invented, but written to read like
a real municipal climate plan that has been worked on since 2022. Everything is written through
the services, so the same validation runs as in the app. The plan is historical, so its dates
are fixed; the newest reports are from 2026. Departments, positions and actors come from the
alliance demo (`gemeinsam.actors.demo`); whatever is missing there is left out.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from gemeinsam.actors.models import Actor

from . import services
from .models import ActionPlan, ProgressReport

A, T = "administration", "team"
UNKNOWN, PLANNED, PREPARATION, IN_PROGRESS = "unknown", "planned", "preparation", "in_progress"
COMPLETED, DELAYED, FAILED, ABANDONED = "completed", "delayed", "failed", "abandoned"

RIS = "https://ruesselsheim.example.org/ratsinfo/vorlage/"
CITY = "https://ruesselsheim.example.org/"
ECHO = "https://mainspitze-echo.example.org/lokales/"
SWR = "https://stadtwerke.example.org/"
TEAM_BLOG = "https://ruesselsheimzero.example.org/blog/"

DEPARTMENTS = {
    "klima": "Stabsstelle Klimaschutz",
    "hauptamt": "Haupt- und Personalamt",
    "kaemmerei": "Kämmerei",
    "wifoe": "Wirtschaftsförderung",
    "swr": "Stadtwerke Rüsselsheim GmbH",
    "stadtplanung": "Stadtplanungsamt",
    "tiefbau": "Tiefbau- und Verkehrsamt",
    "mobilitaet": "Abteilung Mobilität",
    "umweltamt": "Umweltamt",
    "energie": "Abteilung Energie und Klimaanpassung",
    "natur": "Abteilung Natur- und Gewässerschutz",
    "hochbau": "Hochbau und Gebäudemanagement",
    "schulamt": "Schul- und Sportamt",
    "ordnungsamt": "Ordnungsamt",
    "sozialamt": "Amt für Soziales und Wohnen",
}

POSITIONS = {
    "ob": "Oberbürgermeister:in",
    "dez2": "Erste:r Stadträt:in, Dezernat II",
    "ksm": "Klimaschutzmanager:in",
    "umwelt": "Leitung Umweltamt",
    "mobil": "Leitung Abteilung Mobilität",
    "rad": "Radverkehrsbeauftragte:r",
    "kaemmerei": "Leitung Kämmerei",
    "planung": "Leitung Stadtplanungsamt",
    "swr": "Geschäftsführung Stadtwerke",
    "ausschuss": "Vorsitz Ausschuss für Umwelt, Klima und Mobilität",
}

# The fields of action as plan_create names them (GermanZero's SectorList).
STROM, WAERME, WIRTSCHAFT, GEBAEUDE, VERKEHR = (
    "Strom", "Wärme", "Industrie / Wirtschaft", "Gebäude", "Verkehr")
NATUR, ABFALL, GOVERNANCE, FINANZIERUNG = (
    "Land & Natur", "Abfallwirtschaft", "Governance", "Finanzierung")

VORBILD = "THG-Einsparpotenzial, Kommune als Vorbild"
THG = "THG-Einsparpotenzial"


def r(date, voice, status, progress, text, *links, agreed=True):
    """A progress report; `agreed`: the other side has confirmed it."""
    return {"date": date, "voice": voice, "status": status, "progress": progress,
            "text": text, "links": links, "agreed": agreed}


def b(description, since, helpers=(), positions=(), help_wanted="", by=T, resolved=None):
    """A blocker; helpers are actor names of the alliance, positions are position keys."""
    return {"description": description, "since": since, "helpers": helpers,
            "positions": positions, "help_wanted": help_wanted, "by": by, "resolved": resolved}


def m(code, title, teaser="", description="", *, dept=None, pos=None, planned=(None, None),
      actual=(None, None), status="", progress=None, weight=1, cost=None, funding=None,
      programme="", priority=None, focus="", source="action_plan", tags="", model="",
      published=True, reports=(), blockers=(), children=()):
    return {"code": code, "title": title, "teaser": teaser, "description": description,
            "dept": dept, "pos": pos, "planned": planned, "actual": actual, "status": status,
            "progress": progress, "weight": weight, "cost": cost, "funding": funding,
            "programme": programme, "priority": priority, "focus": focus, "source": source,
            "tags": tags, "model": model, "published": published, "reports": reports,
            "blockers": blockers, "children": children}


PLAN_INTRODUCTION = (
    "Mit dem Klimaschutzkonzept Rüsselsheim am Main 2035 hat die Stadtverordnetenversammlung "
    "im März 2022 beschlossen, dass Rüsselsheim bis 2035 klimaneutral werden soll. Das Konzept "
    "bündelt die Maßnahmen der Stadtverwaltung, der Stadtwerke und ihrer Partner in neun "
    "Handlungsfeldern.\n\n"
    "Hier berichten die Verwaltung und das Lokalteam RüsselsheimZero gemeinsam über den Stand: "
    "Die Verwaltung gibt ihren Sachstand ab, das Lokalteam seine Einschätzung – und wo beide "
    "übereinstimmen, ist der Stand vereinbart."
)

FIELDS = [
    # ---------------------------------------------------------------- Strom
    (STROM, m(
        "E 1", "Erneuerbarer Strom aus Rüsselsheim",
        "Photovoltaik auf städtischen und privaten Dächern, Ökostrom der Stadtwerke und eine "
        "Freiflächenanlage.",
        "Bis 2035 soll der Strombedarf Rüsselsheims zu einem großen Teil aus erneuerbaren "
        "Anlagen im Stadtgebiet und aus qualifiziertem Ökostrom gedeckt werden.\n\n"
        "Schwerpunkt ist die **Photovoltaik**: Das Solarkataster weist rund 310 MW geeignete "
        "Dachleistung aus, genutzt wurden 2022 weniger als 10 Prozent davon.",
        dept="klima", pos="ksm", planned=("2022-04", "2030-12"), weight=3, priority=3,
        focus=THG, tags="Photovoltaik, Ökostrom",
        children=[
            m("E 1.1", "Photovoltaik auf städtischen Dächern",
              "Alle geeigneten Dächer städtischer Gebäude bis 2028 mit Solaranlagen belegen.",
              "Das Gebäudemanagement hat 2022 alle 74 städtischen Dächer geprüft: 31 Dächer mit "
              "zusammen rund 2,4 MWp sind geeignet. Umgesetzt wird in Tranchen:\n\n"
              "- Schulen und Kitas\n- Rathaus und Verwaltungsgebäude\n"
              "- Sporthallen, Feuerwachen und Betriebshof\n\n"
              "Dächer, die die Stadt nicht selbst belegt, werden an die Bürgerenergie "
              "Mainspitze eG verpachtet.",
              dept="hochbau", pos="ksm", planned=("2022-06", "2028-12"), weight=3,
              cost=3_200_000, priority=3, focus=VORBILD, tags="Photovoltaik, Vorbild Stadt",
              model="2",
              children=[
                  m("E 1.1.1", "PV auf Schulen und Kitas (Tranche 1)",
                    "782 kWp auf fünf Schulen und einer Kita.",
                    "Erste Tranche des Solarprogramms: Anlagen auf fünf Schulen und einer Kita, "
                    "mit Eigenverbrauch im laufenden Betrieb. Die Erträge werden in den "
                    "Foyers angezeigt und im Unterricht genutzt.",
                    dept="hochbau", pos="ksm", planned=("2022-09", "2024-06"),
                    actual=("2022-11-15", "2024-09-30"), status=COMPLETED, progress=100,
                    weight=3, cost=1_150_000, funding=230_000,
                    programme="Landesförderung Hessen (Klimarichtlinie)", priority=3,
                    focus=VORBILD, tags="Photovoltaik, Schulen",
                    reports=[
                        r("2022-11-15", A, PREPARATION, 10,
                          "Ausschreibung für Planung und Bau der Anlagen auf fünf Schulen und "
                          "einer Kita veröffentlicht. Die Statik liegt für alle Dächer vor.",
                          RIS + "2022-311"),
                        r("2023-06-20", A, IN_PROGRESS, 45,
                          "Anlagen auf der Grundschule Sonnenwiese, der Gesamtschule Mainufer "
                          "und der Kita Löwenzahn in Betrieb (zusammen 410 kWp). Die übrigen "
                          "Dächer folgen nach den Sommerferien."),
                        r("2023-07-05", T, IN_PROGRESS, 40,
                          "Wir bestätigen die drei Anlagen – die Schulen zeigen die Erträge "
                          "inzwischen im Foyer. Das Dach der Gesamtschule hätte mehr Fläche "
                          "hergegeben, als belegt wurde."),
                        r("2024-09-30", A, COMPLETED, 100,
                          "Alle sechs Anlagen mit zusammen 782 kWp am Netz. Erwarteter Ertrag "
                          "rund 720 MWh im Jahr, der Eigenverbrauch der Schulen liegt bei etwa "
                          "55 Prozent.", CITY + "presse/2024/solar-auf-schulen"),
                        r("2024-10-14", T, COMPLETED, 100,
                          "Abgeschlossen und ein Erfolg. Die Restfläche auf der Gesamtschule "
                          "bitte in der nächsten Tranche mitnehmen."),
                    ]),
                  m("E 1.1.2", "PV auf Rathaus und Verwaltungsgebäuden",
                    "Solaranlagen auf Rathaus, Technischem Rathaus und Stadtbibliothek.",
                    "Zweite Tranche des Solarprogramms. Das Rathausdach wird erst mit der "
                    "Dachsanierung belegt (siehe **G 1.3**).",
                    dept="hochbau", pos="ksm", planned=("2023-01", "2025-12"),
                    actual=("2023-09-12", None), status=IN_PROGRESS, progress=60, weight=2,
                    cost=620_000, priority=2, focus=VORBILD, tags="Photovoltaik, Rathaus",
                    reports=[
                        r("2023-09-12", A, PREPARATION, 15,
                          "Planung für Rathaus, Technisches Rathaus und Stadtbibliothek "
                          "beauftragt."),
                        r("2024-11-05", A, IN_PROGRESS, 40,
                          "Die Anlage auf dem Technischen Rathaus (96 kWp) ist in Betrieb. Für "
                          "das Rathausdach ist zuerst die Dachsanierung nötig."),
                        r("2025-05-20", T, IN_PROGRESS, 40,
                          "Seit einem halben Jahr ist kein Fortschritt sichtbar. Wir bitten um "
                          "einen Zeitplan für Stadtbibliothek und Rathaus.", agreed=False),
                        r("2026-04-16", A, IN_PROGRESS, 60,
                          "Die Stadtbibliothek (48 kWp) ist seit März 2026 am Netz. Das Rathaus "
                          "folgt mit der Dachsanierung voraussichtlich 2027; der geplante "
                          "Abschluss Ende 2025 ist damit nicht zu halten."),
                    ]),
                  m("E 1.1.3", "PV auf Sporthallen, Feuerwachen und Betriebshof",
                    "Neun große Flachdächer, bei denen die Statik die größte Hürde ist.",
                    "Dritte Tranche. Viele Hallendächer aus den 1970er-Jahren tragen keine "
                    "zusätzliche Last; geprüft werden deshalb auch **Leichtbaumodule**.",
                    dept="hochbau", pos="ksm", planned=("2024-01", "2026-06"),
                    actual=("2024-03-18", None), status=DELAYED, progress=20, weight=2,
                    cost=900_000, priority=2, focus=VORBILD, tags="Photovoltaik, Sport",
                    reports=[
                        r("2024-03-18", A, PREPARATION, 10,
                          "Eignungsprüfung für neun Dächer begonnen."),
                        r("2024-10-02", A, DELAYED, 15,
                          "Für fünf der neun Hallendächer fehlen belastbare Statiknachweise. "
                          "Zwei Ausschreibungen für die Gutachten blieben ohne Angebot."),
                        r("2025-06-11", T, DELAYED, 15,
                          "Die Bürgerenergie hat angeboten, Gutachten über ihr Netzwerk zu "
                          "organisieren. Darauf gab es bisher keine Antwort der Verwaltung.",
                          agreed=False),
                        r("2026-03-09", A, DELAYED, 20,
                          "Die Gutachten für die Feuerwache Nord und den Betriebshof liegen vor; "
                          "beide Dächer sind geeignet. Für die Sporthallen wird ein "
                          "Leichtbau-Modulsystem geprüft."),
                        r("2026-09-22", T, DELAYED, 20,
                          "Wir teilen die Einschätzung: verzögert, aber wieder in Bewegung. Die "
                          "Hallen, die die SG Mainspitze nutzt, sollten vorgezogen werden."),
                    ],
                    blockers=[
                        b("Für fünf Hallendächer fehlen Statikgutachten. Statikbüros in der "
                          "Region sind auf Monate ausgebucht (Fachkräftemangel).",
                          "2024-10-02",
                          helpers=["Bürgerenergie Mainspitze eG",
                                   "Hochschule am Main, Campus Rüsselsheim",
                                   "Prof. Dr. Elena Marković"],
                          positions=["ksm"],
                          help_wanted="Wer kennt ein Statikbüro, das kurzfristig Hallendächer "
                                      "für Solaranlagen prüfen kann? Bitte melden Sie sich beim "
                                      "Lokalteam.", by=A),
                    ]),
                  m("E 1.1.4", "Bürgersolaranlagen auf städtischen Dächern",
                    "Dächer, die die Stadt nicht selbst belegt, pachtet die Bürgerenergie.",
                    "Die Stadt verpachtet geeignete Dächer an die **Bürgerenergie Mainspitze "
                    "eG**. Bürger:innen beteiligen sich ab 250 Euro an den Anlagen.",
                    dept="klima", pos="ksm", planned=("2023-03", "2027-12"),
                    actual=("2023-02-28", None), status=IN_PROGRESS, progress=55, weight=1,
                    priority=2, focus="THG-Einsparpotenzial, Akzeptanzförderung",
                    source="council", tags="Photovoltaik, Bürgerbeteiligung",
                    reports=[
                        r("2023-02-28", A, PLANNED, 0,
                          "Die Stadtverordnetenversammlung hat beschlossen, geeignete Dächer zu "
                          "verpachten, die die Stadt nicht selbst belegt.", RIS + "2023-045"),
                        r("2024-05-14", T, IN_PROGRESS, 30,
                          "Die Bürgerenergie Mainspitze hat die Pachtverträge für die Kita Am "
                          "Ostpark und die Musikschule unterschrieben; 180 Bürger:innen haben "
                          "Anteile gezeichnet.", TEAM_BLOG + "buergersolar-musikschule"),
                        r("2025-07-08", A, IN_PROGRESS, 50,
                          "Zwei Bürgersolaranlagen mit zusammen 140 kWp sind am Netz. Zwei "
                          "weitere Dächer sind für 2026 reserviert."),
                        r("2026-06-30", T, IN_PROGRESS, 55,
                          "Die nächsten zwei Dächer liegen im Plan, aber der Pachtvertrag der "
                          "Stadt ist für kleine Dächer zu aufwendig. Wir schlagen einen "
                          "Mustervertrag vor.", agreed=False),
                    ]),
              ]),
            m("E 1.2", "Solarkataster online",
              "Jede Eigentümerin sieht mit zwei Klicks, was ihr Dach hergibt.",
              "Das Solarkataster Hessen wird auf der Klimaschutzseite der Stadt eingebunden und "
              "mit der lokalen Energieberatung verknüpft.",
              dept="klima", pos="ksm", planned=("2022-06", "2023-03"),
              actual=("2022-10-04", "2023-03-01"), status=COMPLETED, progress=100, weight=1,
              cost=28_000, priority=1, focus="Multiplikatoreffekt", tags="Photovoltaik, Beratung",
              reports=[
                  r("2022-10-04", A, IN_PROGRESS, 50,
                    "Anbindung an das Solarkataster Hessen und lokale Einstiegsseite in Arbeit."),
                  r("2023-03-01", A, COMPLETED, 100,
                    "Das Solarkataster ist online und auf der Klimaschutzseite der Stadt "
                    "eingebunden, mit direktem Weg zur Energieberatung.",
                    CITY + "klimaschutz/solarkataster"),
                  r("2023-03-15", T, COMPLETED, 100,
                    "Funktioniert. In den ersten zwei Wochen über 1.400 Abrufe – gutes Echo bei "
                    "unserer Infoveranstaltung."),
              ]),
            m("E 1.3", "Förderprogramm Balkonkraftwerke",
              "Zuschuss für Steckersolargeräte, doppelt für Haushalte mit Rüsselsheim-Pass.",
              "Die Stadt bezuschusst Steckersolargeräte mit **200 Euro**, Haushalte mit "
              "Rüsselsheim-Pass erhalten **400 Euro**. So können auch Mieter:innen Solarstrom "
              "nutzen.\n\nDer Vorschlag kam vom Lokalteam und wurde vom Magistrat übernommen.",
              dept="energie", pos="umwelt", planned=("2023-01", "2027-12"),
              actual=("2023-01-01", None), status=IN_PROGRESS, progress=80, weight=1,
              cost=290_000, programme="Städtischer Haushalt (Klimaschutzbudget)", priority=2,
              focus="THG-Einsparpotenzial, Benefits für die Allgemeinheit", source="council",
              tags="Photovoltaik, Förderprogramm, Mieter:innen", model="4",
              reports=[
                  r("2022-05-10", T, PLANNED, 0,
                    "Vorschlag des Lokalteams: 200 Euro Zuschuss pro Steckersolargerät, für "
                    "Haushalte mit Rüsselsheim-Pass 400 Euro.", TEAM_BLOG + "balkonkraftwerke"),
                  r("2022-09-27", A, PREPARATION, 20,
                    "Förderrichtlinie vom Magistrat beschlossen; Start zum 1. Januar 2023 mit "
                    "50.000 Euro im Jahr.", RIS + "2022-244"),
                  r("2023-12-12", A, IN_PROGRESS, 55,
                    "Im ersten Jahr 412 geförderte Geräte; das Budget war im September "
                    "ausgeschöpft."),
                  r("2024-12-10", A, IN_PROGRESS, 70,
                    "2024 insgesamt 356 Förderungen. Seit das Budget auf 60.000 Euro erhöht "
                    "wurde, gibt es keine Warteliste mehr."),
                  r("2025-11-18", T, IN_PROGRESS, 75,
                    "Das Programm wirkt, erreicht aber kaum Mieter:innen in Haßloch-Nord. Wir "
                    "regen Sammelbestellungen mit dem Mieterbeirat an."),
                  r("2026-07-07", A, IN_PROGRESS, 80,
                    "Seit dem Start 1.380 geförderte Geräte mit rund 1,1 MW. Erste "
                    "Sammelbestellung mit dem Mieterbeirat Haßloch-Nord: 64 Geräte.",
                    ECHO + "2026/sammelbestellung-balkonkraftwerke"),
              ]),
            m("E 1.4", "100 Prozent Ökostrom bei den Stadtwerken",
              "Die Stadtwerke stellen alle Tarife auf qualifizierten Ökostrom um.",
              "Die Stadt wirkt als Eigentümerin darauf hin, dass die Stadtwerke bis 2027 nur "
              "noch **qualifizierten Ökostrom** liefern: mit Neuanlagenquote und ohne Einkauf "
              "von Graustrom.",
              dept="swr", pos="swr", planned=("2022-06", "2027-12"),
              actual=("2022-07-01", None), status=IN_PROGRESS, progress=86, weight=3,
              priority=1, focus=THG, tags="Stadtwerke, Ökostrom", model="49",
              reports=[
                  r("2022-12-01", A, IN_PROGRESS, 45,
                    "Die Stadtwerke haben ihren Standardtarif für Haushalte auf Ökostrom "
                    "umgestellt; der Anteil am gesamten Stromabsatz liegt bei 45 Prozent."),
                  r("2023-06-14", T, IN_PROGRESS, 45,
                    "Richtiger Schritt, aber der Ökostrom stammt überwiegend aus "
                    "Herkunftsnachweisen norwegischer Wasserkraft. Wir erwarten qualifizierten "
                    "Ökostrom mit Neuanlagenquote.", agreed=False),
                  r("2024-12-05", A, IN_PROGRESS, 68,
                    "Auch Gewerbe- und Grundversorgungstarife sind umgestellt (68 Prozent des "
                    "Absatzes). Seit 2024 stammt ein Fünftel aus Anlagen, die jünger als sechs "
                    "Jahre sind."),
                  r("2025-12-03", A, IN_PROGRESS, 79,
                    "79 Prozent Ökostrom. Die Stadtwerke haben einen Liefervertrag mit dem "
                    "Windpark Hohe Warte geschlossen.", SWR + "presse/windpark-hohe-warte"),
                  r("2026-05-26", T, IN_PROGRESS, 86,
                    "Bestätigt: 79 Prozent laut Stromkennzeichnung 2025, für 2026 erwarten die "
                    "Stadtwerke 86 Prozent. Offen sind die Sonderverträge großer "
                    "Industriekunden.", SWR + "stromkennzeichnung"),
              ]),
            m("E 1.5", "Ökostrom für alle städtischen Liegenschaften",
              "Rathaus, Schulen und Straßenbeleuchtung beziehen qualifizierten Ökostrom.",
              "Die Bündelausschreibung Strom enthält ab 2023 das Kriterium qualifizierter "
              "Ökostrom mit einer Neuanlagenquote von mindestens 33 Prozent.",
              dept="hochbau", pos="ksm", planned=("2022-06", "2023-01"),
              actual=("2022-08-16", "2023-01-10"), status=COMPLETED, progress=100, weight=2,
              priority=2, focus=VORBILD, tags="Ökostrom, Vorbild Stadt", model="5",
              reports=[
                  r("2022-08-16", A, PREPARATION, 30,
                    "Bündelausschreibung Strom 2023–2025 mit dem Kriterium qualifizierter "
                    "Ökostrom vorbereitet."),
                  r("2023-01-10", A, COMPLETED, 100,
                    "Seit 1. Januar 2023 beziehen alle städtischen Gebäude und die "
                    "Straßenbeleuchtung qualifizierten Ökostrom."),
                  r("2023-02-02", T, COMPLETED, 100,
                    "Bestätigt. Bitte bei der nächsten Ausschreibung 2026 die Neuanlagenquote "
                    "erhöhen."),
              ]),
            m("E 1.6", "Freiflächen-Photovoltaik auf der ehemaligen Deponie Am Hasengrund",
              "Rund 7 MWp auf einer Fläche, die sonst niemand nutzen kann.",
              "Die abgedeckte Deponie Am Hasengrund (8 ha) eignet sich für eine Solaranlage. "
              "Die Stadtwerke wollen sie bauen, Bürger:innen sollen sich über die "
              "Bürgerenergie beteiligen können.\n\n**Schritte:** Machbarkeitsstudie, "
              "Zielabweichung vom Regionalplan, Bebauungsplan, Bau.",
              dept="stadtplanung", pos="planung", planned=("2023-04", "2027-12"),
              actual=("2023-04-25", None), status=PREPARATION, progress=30, weight=2,
              cost=6_500_000, priority=3, focus=THG, source="workshop",
              tags="Photovoltaik, Freifläche, Stadtwerke",
              reports=[
                  r("2023-04-25", A, PLANNED, 0,
                    "Machbarkeitsstudie für 8 ha auf der ehemaligen Deponie beauftragt; "
                    "Potenzial rund 7 MWp."),
                  r("2024-06-18", A, PREPARATION, 15,
                    "Die Fläche liegt im regionalen Grünzug. Ein Zielabweichungsverfahren beim "
                    "Regierungspräsidium Darmstadt ist beantragt."),
                  r("2025-09-30", A, PREPARATION, 25,
                    "Das Regierungspräsidium hat der Zielabweichung zugestimmt. Der "
                    "Aufstellungsbeschluss für den Bebauungsplan ist für Oktober geplant.",
                    RIS + "2025-377"),
                  r("2026-08-25", T, PREPARATION, 30,
                    "Der Bebauungsplan liegt öffentlich aus. Der Naturschutz ist über die "
                    "Vogel- und Naturschutzgruppe gut eingebunden; wir sehen das Projekt auf "
                    "einem guten Weg."),
              ],
              blockers=[
                  b("Die Fläche ist im Regionalplan als regionaler Grünzug ausgewiesen; ohne "
                    "Zielabweichung fehlt die Fläche für die Anlage.", "2024-06-18",
                    helpers=["Stadtwerke Rüsselsheim GmbH",
                             "Vogel- und Naturschutzgruppe Mainspitze e. V."],
                    positions=["planung", "dez2"], by=A, resolved="2025-09-30"),
              ]),
            m("E 1.7", "Solarpflicht in neuen Bebauungsplänen",
              "Alle neuen Bebauungspläne enthalten ein Solar-Nutzungsgebot.",
              "Über Festsetzungen im Bebauungsplan und städtebauliche Verträge wird für alle "
              "Neubauten eine Photovoltaik- oder Solarthermieanlage vorgeschrieben.",
              dept="stadtplanung", pos="planung", planned=("2022-09", "2023-06"),
              actual=("2022-11-29", "2023-05-11"), status=COMPLETED, progress=100, weight=1,
              priority=1, focus="Multiplikatoreffekt", source="council",
              tags="Photovoltaik, Bauleitplanung", model="48",
              reports=[
                  r("2022-11-29", A, PREPARATION, 30,
                    "Musterfestsetzung für ein Solar-Nutzungsgebot mit dem Rechtsamt "
                    "abgestimmt."),
                  r("2023-05-11", A, COMPLETED, 100,
                    "Grundsatzbeschluss der Stadtverordnetenversammlung: Alle neuen "
                    "Bebauungspläne enthalten ein Solar-Nutzungsgebot.", RIS + "2023-118"),
                  r("2024-02-20", T, COMPLETED, 100,
                    "Der Beschluss steht. Im Bebauungsplan „Am Weinbergpfad“ wurde die Pflicht aber "
                    "auf 30 Prozent der Dachfläche begrenzt – das sehen wir kritisch.",
                    agreed=False),
              ]),
            m("E 1.8", "Solarkampagne „Rüsselsheim macht Sonne“",
              "Infoabende, Solarpartys und eine Handwerkermesse für private Dächer.",
              "Eine zweijährige Kampagne mit dem Wattbewerb, Solarpartys in Nachbarschaften, "
              "einer Handwerkermesse und dem Solar-Check der Verbraucherberatung.",
              dept="klima", pos="ksm", planned=("2023-03", "2024-06"),
              actual=("2023-04-18", "2024-07-02"), status=COMPLETED, progress=100, weight=1,
              cost=45_000, priority=1, focus="THG-Einsparpotenzial, Multiplikatoreffekt",
              source="workshop", tags="Photovoltaik, Kampagne",
              reports=[
                  r("2023-04-18", T, IN_PROGRESS, 30,
                    "Auftakt mit dem Wattbewerb und drei Solarpartys in Nachbarschaften; über "
                    "200 Teilnehmende.", TEAM_BLOG + "solarpartys"),
                  r("2023-10-10", A, IN_PROGRESS, 70,
                    "Sieben Infoabende, eine Handwerkermesse im Rathaus und 146 Solar-Checks "
                    "der Verbraucherberatung."),
                  r("2024-07-02", A, COMPLETED, 100,
                    "Kampagne abgeschlossen. Zubau auf privaten Dächern 2023: 7,5 MW, fast "
                    "doppelt so viel wie 2022."),
                  r("2024-07-16", T, COMPLETED, 100,
                    "Abgeschlossen – bitte als jährliche Aktion fortführen, die Nachfrage ist "
                    "da."),
              ]),
            m("E 1.9", "Mieterstrom in Haßloch-Nord",
              "Vorschlag: Solarstrom vom Dach direkt an die Mieter:innen der Hochhäuser.",
              "Die Dächer der Wohnungsbaugesellschaft in Haßloch-Nord bieten Platz für rund "
              "600 kWp. Mit einem Mieterstrommodell der Stadtwerke könnten die Mieter:innen "
              "günstigen Solarstrom beziehen.\n\n*Vorschlag des Lokalteams, noch nicht mit der "
              "Verwaltung abgestimmt.*",
              dept="swr", priority=2, focus="THG-Einsparpotenzial, Benefits für die "
              "Allgemeinheit", source="team", tags="Photovoltaik, Mieter:innen",
              status=UNKNOWN, published=False),
        ])),
    # ---------------------------------------------------------------- Wärme
    (WAERME, m(
        "W 1", "Klimaneutrale Wärmeversorgung",
        "Wärmeplanung, grüne Fernwärme und der Abschied von Öl und Gas.",
        "Die Wärme verursacht rund 40 Prozent der Emissionen Rüsselsheims. Die **kommunale "
        "Wärmeplanung** zeigt, wo Wärmenetze entstehen und wo Wärmepumpen die beste Lösung "
        "sind; die Stadtwerke stellen die Fernwärme der Innenstadt auf erneuerbare Quellen um.",
        dept="stadtplanung", pos="planung", planned=("2022-09", "2030-12"), weight=3,
        priority=3, focus=THG, tags="Wärme",
        children=[
            m("W 1.1", "Kommunale Wärmeplanung",
              "Ein Wärmeplan für die ganze Stadt nach dem Wärmeplanungsgesetz.",
              "Die Wärmeplanung erfolgt in drei Schritten:\n\n"
              "1. Bestands- und Potenzialanalyse\n2. Zielszenario und Eignungsgebiete\n"
              "3. Beschluss und Umsetzungsstrategie\n\n"
              "Federführend ist das Stadtplanungsamt gemeinsam mit den Stadtwerken.",
              dept="stadtplanung", pos="planung", planned=("2022-09", "2026-12"), weight=3,
              cost=260_000, funding=234_000, programme="Kommunalrichtlinie", priority=3,
              focus=THG, tags="Wärme, Wärmeplanung", model="7",
              children=[
                  m("W 1.1.1", "Bestands- und Potenzialanalyse",
                    "Wärmekataster für alle Gebäude und die Potenziale erneuerbarer Wärme.",
                    "Erfasst werden Verbrauch, Heizungsart und Baualter aller Gebäude sowie die "
                    "Potenziale von Flusswasser, Abwasser, Abwärme und Geothermie.",
                    dept="stadtplanung", pos="planung", planned=("2022-10", "2024-03"),
                    actual=("2023-01-17", "2024-04-23"), status=COMPLETED, progress=100,
                    weight=1, priority=3, focus=THG, tags="Wärme, Wärmeplanung",
                    reports=[
                        r("2023-01-17", A, IN_PROGRESS, 20,
                          "Planungsbüro beauftragt; die Datenabfrage bei Schornsteinfeger:innen "
                          "und Stadtwerken läuft."),
                        r("2023-11-07", A, IN_PROGRESS, 70,
                          "Wärmekataster für alle 14.200 Gebäude erstellt. Große Potenziale: "
                          "Flusswasser des Mains, Abwasser und industrielle Abwärme."),
                        r("2024-04-23", A, COMPLETED, 100,
                          "Bestands- und Potenzialanalyse im Ausschuss für Umwelt, Klima und "
                          "Mobilität vorgestellt.", RIS + "2024-102"),
                        r("2024-05-06", T, COMPLETED, 100,
                          "Gute Grundlage. Die Abwärme der Industrie ist nur grob geschätzt; "
                          "hier sollte nachgearbeitet werden."),
                    ]),
                  m("W 1.1.2", "Zielszenario und Eignungsgebiete für Wärmenetze",
                    "Wo kommen Wärmenetze hin, wo heizen Gebäude künftig einzeln?",
                    "Das Zielszenario 2035 teilt die Stadt in Gebiete für Wärmenetze und für "
                    "dezentrale Versorgung ein und wird in Bürgerwerkstätten diskutiert.",
                    dept="stadtplanung", pos="planung", planned=("2024-05", "2025-06"),
                    actual=("2024-06-01", "2025-07-15"), status=COMPLETED, progress=100,
                    weight=1, priority=3, focus=THG, source="workshop",
                    tags="Wärme, Wärmeplanung, Beteiligung",
                    reports=[
                        r("2024-09-10", A, IN_PROGRESS, 40,
                          "Zielszenario 2035 in zwei Bürgerwerkstätten diskutiert."),
                        r("2025-03-25", T, IN_PROGRESS, 70,
                          "Die Werkstätten waren gut besucht, aber die Karten der "
                          "Eignungsgebiete sind für Laien schwer lesbar."),
                        r("2025-07-15", A, COMPLETED, 100,
                          "Zielszenario und Karte der Eignungsgebiete veröffentlicht: "
                          "Innenstadt, Haßloch-Nord und Dicker Busch für Wärmenetze, die übrigen "
                          "Gebiete dezentral mit Wärmepumpen.", CITY + "waermeplanung"),
                    ]),
                  m("W 1.1.3", "Beschluss des Wärmeplans und Umsetzungsstrategie",
                    "Der Wärmeplan wird beschlossen und mit Jahreszielen hinterlegt.",
                    "Die Umsetzungsstrategie legt fest, wer bis wann welche Wärmenetze baut und "
                    "wie Eigentümer:innen in den übrigen Gebieten unterstützt werden.",
                    dept="stadtplanung", pos="planung", planned=("2025-08", "2026-12"),
                    actual=("2025-11-11", None), status=IN_PROGRESS, progress=60, weight=1,
                    priority=3, focus=THG, tags="Wärme, Wärmeplanung",
                    reports=[
                        r("2025-11-11", A, IN_PROGRESS, 30,
                          "Entwurf der Umsetzungsstrategie mit 18 Maßnahmen an die Fachämter "
                          "verschickt."),
                        r("2026-03-17", T, IN_PROGRESS, 40,
                          "Der Entwurf ist uns zu unverbindlich: Für die Fernwärme fehlen "
                          "Jahresziele und eine Finanzierung.", agreed=False),
                        r("2026-09-08", A, IN_PROGRESS, 60,
                          "Der überarbeitete Entwurf mit Ausbaupfad je Eignungsgebiet liegt dem "
                          "Magistrat vor; Beschluss in der Stadtverordnetenversammlung im "
                          "Dezember geplant.", RIS + "2026-288"),
                    ]),
              ]),
            m("W 1.2", "Grüne Fernwärme für die Innenstadt",
              "Das Fernwärmenetz der Innenstadt kommt bis 2035 ohne Erdgas aus.",
              "Heute speist ein Erdgas-BHKW das Netz der Innenstadt. Der Transformationsplan "
              "der Stadtwerke ersetzt es Schritt für Schritt durch:\n\n"
              "- eine **Flusswasser-Wärmepumpe** am Main\n- **industrielle Abwärme**\n"
              "- einen großen Wärmespeicher",
              dept="swr", pos="swr", planned=("2023-01", "2030-12"), weight=3,
              cost=24_000_000, funding=9_600_000,
              programme="BEW (Bundesförderung effiziente Wärmenetze)", priority=3, focus=THG,
              tags="Wärme, Fernwärme, Stadtwerke", model="8",
              children=[
                  m("W 1.2.1", "Transformationsplan für die Fernwärme",
                    "Der Fahrplan der Stadtwerke für ein klimaneutrales Wärmenetz.",
                    "Transformationsplan nach Modul 1 der Bundesförderung effiziente "
                    "Wärmenetze.",
                    dept="swr", pos="swr", planned=("2023-01", "2024-06"),
                    actual=("2023-03-14", "2024-06-04"), status=COMPLETED, progress=100,
                    weight=1, cost=180_000, funding=90_000,
                    programme="BEW (Bundesförderung effiziente Wärmenetze)", priority=3,
                    focus=THG, tags="Wärme, Fernwärme",
                    reports=[
                        r("2023-03-14", A, IN_PROGRESS, 20,
                          "Förderbescheid für BEW Modul 1 erhalten; Transformationsplan "
                          "beauftragt."),
                        r("2024-06-04", A, COMPLETED, 100,
                          "Transformationsplan fertig: Bis 2035 sollen Flusswasser-Wärmepumpe, "
                          "Abwärme und ein Wärmespeicher das Gas-BHKW ersetzen.",
                          SWR + "fernwaerme/transformationsplan"),
                        r("2024-06-20", T, COMPLETED, 100,
                          "Ein ambitionierter Plan. Wir begrüßen, dass er öffentlich ist."),
                    ]),
                  m("W 1.2.2", "Abwärme aus dem Werk Mainauto Komponenten",
                    "Rund 6 GWh Abwärme im Jahr für das Fernwärmenetz.",
                    "Die Prozessabwärme des Werks könnte über eine 1,2 km lange Leitung ins "
                    "Netz der Innenstadt eingespeist werden.",
                    dept="swr", pos="swr", planned=("2024-01", "2026-12"),
                    actual=("2024-02-27", None), status=DELAYED, progress=10, weight=2,
                    cost=3_400_000, priority=2, focus="THG-Einsparpotenzial, Wirtschaftlichkeit",
                    source="team", tags="Wärme, Abwärme, Industrie",
                    reports=[
                        r("2024-02-27", T, PREPARATION, 10,
                          "Erstes Gespräch zwischen Stadtwerken und der Energiemanagerin des "
                          "Werks: Rund 6 GWh Abwärme im Jahr wären nutzbar."),
                        r("2025-03-18", A, DELAYED, 10,
                          "Der Konzern überprüft die Zukunft des Standorts. Bis zur Entscheidung "
                          "gibt es keine Investitionszusage für die Wärmeauskopplung."),
                        r("2026-02-10", T, DELAYED, 10,
                          "Unverändert. Wir halten Kontakt zur Werkleitung und schlagen eine "
                          "Absichtserklärung vor, die auch bei einem Verkauf gilt."),
                    ],
                    blockers=[
                        b("Der Konzern hat alle Investitionen am Standort bis zu einer "
                          "Entscheidung über dessen Zukunft gestoppt.", "2025-03-18",
                          helpers=["Mainauto Komponenten GmbH", "Melanie Hock",
                                   "Stadtwerke Rüsselsheim GmbH", "Carolin Diehl"],
                          positions=["swr", "ob"], by=A),
                    ]),
                  m("W 1.2.3", "Flusswasser-Wärmepumpe am Mainufer",
                    "Eine 12-MW-Wärmepumpe nutzt die Wärme des Mains.",
                    "Kernstück des Transformationsplans. Vorgesehen ist ein Standort am "
                    "Klärwerksweg mit Entnahme und Rückgabe des Mainwassers.",
                    dept="swr", pos="swr", planned=("2025-01", "2029-12"),
                    actual=("2025-01-21", None), status=PREPARATION, progress=20, weight=3,
                    cost=18_000_000, funding=7_200_000,
                    programme="BEW (Bundesförderung effiziente Wärmenetze)", priority=3,
                    focus=THG, tags="Wärme, Fernwärme, Wärmepumpe",
                    reports=[
                        r("2025-01-21", A, PREPARATION, 10,
                          "Vorplanung für eine 12-MW-Wärmepumpe am Mainufer begonnen; der Antrag "
                          "für BEW Modul 2 wird vorbereitet."),
                        r("2025-10-14", A, PREPARATION, 20,
                          "Wasserrechtlicher Antrag eingereicht, Förderantrag für BEW Modul 2 "
                          "gestellt."),
                        r("2026-05-19", T, PREPARATION, 20,
                          "Stand bestätigt. Die Anwohner:innen sollten früher eingebunden "
                          "werden – am Mainufer gibt es Sorgen wegen Lärm.", agreed=False),
                    ]),
              ]),
            m("W 1.3", "Wärmenetz Haßloch-Nord",
              "Ein neues Wärmenetz für rund 1.900 Wohnungen.",
              "Haßloch-Nord ist laut Wärmeplanung ein Eignungsgebiet. Ankerkundin ist die "
              "städtische Wohnungsbaugesellschaft.",
              dept="swr", pos="swr", planned=("2024-09", "2030-12"),
              actual=("2024-09-24", None), status=PREPARATION, progress=15, weight=2,
              cost=14_000_000, priority=2, focus=THG, tags="Wärme, Wärmenetz, Mieter:innen",
              reports=[
                  r("2024-09-24", A, PLANNED, 0,
                    "Haßloch-Nord ist laut Wärmeplanung ein Eignungsgebiet. Die Stadtwerke "
                    "prüfen ein Netz für rund 1.900 Wohnungen."),
                  r("2025-10-28", A, PREPARATION, 15,
                    "Machbarkeitsstudie gemeinsam mit der Wohnungsbaugesellschaft beauftragt."),
                  r("2026-06-09", T, PREPARATION, 15,
                    "Die Mieter:innen wissen noch nichts davon. Der Mieterbeirat bittet um eine "
                    "Infoveranstaltung, bevor weitere Entscheidungen fallen."),
              ]),
            m("W 1.4", "Abwasserwärme aus dem Hauptsammler",
              "Wärme aus dem Abwasser für Gebäude an der Bahnhofstraße.",
              "Der Hauptsammler führt ganzjährig Abwasser mit 12 bis 20 °C. Mit "
              "Wärmetauschern im Kanal könnten angrenzende Gebäude beheizt werden.",
              dept="swr", pos="swr", planned=("2027-01", "2029-12"), status=PLANNED,
              progress=0, weight=1, priority=2, focus=THG, tags="Wärme, Abwasser",
              reports=[
                  r("2025-08-12", A, PLANNED, 0,
                    "Der Abwasserverband hat Messdaten zu Durchfluss und Temperatur geliefert; "
                    "die Prüfung beginnt 2027 nach Abschluss der Wärmeplanung."),
              ]),
            m("W 1.5", "Kampagne Heizungstausch „Raus aus Öl und Gas“",
              "Information und Beratung für alle, die noch mit Öl oder Gas heizen.",
              "Gezielte Ansprache aller Haushalte mit Ölheizung, Heizungschecks und Beratung "
              "zur **BEG-Förderung** für Wärmepumpen und den Anschluss an Wärmenetze.",
              dept="energie", pos="umwelt", planned=("2024-01", "2027-12"),
              actual=("2024-01-30", None), status=IN_PROGRESS, progress=55, weight=2,
              cost=60_000, programme="BEG (Beratung zur Bundesförderung)", priority=2,
              focus="THG-Einsparpotenzial, Multiplikatoreffekt", tags="Wärme, Beratung",
              reports=[
                  r("2024-01-30", A, IN_PROGRESS, 20,
                    "Start mit einem Infobrief an alle 5.800 Haushalte mit Ölheizung."),
                  r("2024-10-22", T, IN_PROGRESS, 35,
                    "Die Infoabende waren voll, aber viele fürchten hohe Kosten. Die Beratung "
                    "zur BEG-Förderung sollte im Mittelpunkt stehen."),
                  r("2025-09-16", A, IN_PROGRESS, 50,
                    "Über 600 Heizungschecks; 2024 wurden in Rüsselsheim 212 Wärmepumpen mit "
                    "BEG-Förderung eingebaut."),
                  r("2026-07-21", T, IN_PROGRESS, 55,
                    "Stand bestätigt. Die Unsicherheit durch die bundespolitische Debatte "
                    "bremst spürbar."),
              ]),
            m("W 1.6", "Solarthermie für das Hallenbad am Ostpark",
              "Warmes Beckenwasser von der Sonne – entfällt mit dem Neubau.",
              "Ursprünglich geplant: 600 m² Solarkollektoren für das Beckenwasser. Nach dem "
              "Beschluss für ein neues Kombibad wurde die Maßnahme aufgegeben.",
              dept="hochbau", planned=("2022-09", "2024-06"), actual=("2022-10-18", None),
              status=ABANDONED, progress=0, weight=1, cost=420_000, priority=1, focus=THG,
              tags="Wärme, Solarthermie, Sport",
              reports=[
                  r("2022-10-18", A, PLANNED, 0,
                    "Planung der Solarthermieanlage auf dem Hallenbad angestoßen."),
                  r("2023-09-26", A, ABANDONED, 0,
                    "Die Stadtverordnetenversammlung hat den Neubau eines Kombibads "
                    "beschlossen; das alte Hallenbad schließt 2027. Die Maßnahme entfällt, der "
                    "Neubau wird mit Wärmepumpe und Photovoltaik geplant.", RIS + "2023-259"),
                  r("2023-10-10", T, ABANDONED, 0,
                    "Nachvollziehbar. Wir achten darauf, dass der Neubau die Zusage einhält."),
              ]),
        ])),
    # ---------------------------------------------------------------- Wirtschaft
    (WIRTSCHAFT, m(
        "I 1", "Klimaschutz in Wirtschaft und Gewerbe",
        "Beratung, Partnerschaften und Klimakriterien für Gewerbeflächen.",
        "Industrie und Gewerbe verursachen fast ein Drittel der Emissionen. Die Stadt kann "
        "sie nicht anordnen, aber beraten, vernetzen und bei der Vergabe von Flächen "
        "Bedingungen stellen.",
        dept="wifoe", pos=None, planned=("2023-01", "2030-12"), weight=2, priority=2,
        focus=THG, tags="Wirtschaft",
        children=[
            m("I 1.1", "Klimaschutzpartnerschaft Rüsselsheimer Unternehmen",
              "Unternehmen verpflichten sich zu Zielen und berichten jährlich.",
              "Partnerunternehmen unterzeichnen eine Klimaschutzvereinbarung, erstellen eine "
              "Treibhausgasbilanz und tauschen sich zweimal im Jahr aus.",
              dept="wifoe", planned=("2023-01", "2030-12"), actual=("2023-02-14", None),
              status=IN_PROGRESS, progress=45, weight=2, cost=35_000, priority=3,
              focus="THG-Einsparpotenzial, Multiplikatoreffekt",
              tags="Wirtschaft, Netzwerk", model="13",
              reports=[
                  r("2023-02-14", A, PREPARATION, 10,
                    "Auftaktveranstaltung mit IHK und Gewerbeverein; 14 Unternehmen zeigen "
                    "Interesse."),
                  r("2024-03-19", A, IN_PROGRESS, 35,
                    "Neun Unternehmen haben die Klimaschutzvereinbarung unterzeichnet und "
                    "melden jährlich ihre Emissionen.", CITY + "presse/2024/klimapartner"),
                  r("2025-03-25", T, IN_PROGRESS, 40,
                    "Die Großen fehlen noch: Weder Mainauto noch Rheinmain Kunststofftechnik "
                    "sind dabei."),
                  r("2026-04-21", A, IN_PROGRESS, 45,
                    "Zwölf Partnerunternehmen; eine gemeinsame Ausschreibung für Ladepunkte auf "
                    "Firmenparkplätzen ist gestartet."),
              ]),
            m("I 1.2", "Energieberatung für kleine und mittlere Unternehmen",
              "Sprechtage im Gewerbegebiet und geförderte Detailberatungen.",
              "Gemeinsam mit der Energieeffizienzberatung der IHK bietet die "
              "Wirtschaftsförderung Erstberatungen an und vermittelt geförderte "
              "Detailberatungen.",
              dept="wifoe", planned=("2023-04", "2027-12"), actual=("2023-05-09", None),
              status=IN_PROGRESS, progress=60, weight=1, cost=40_000,
              programme="Landesförderung Hessen (PIUS-Beratung)", priority=2, focus=THG,
              tags="Wirtschaft, Beratung",
              reports=[
                  r("2023-05-09", A, IN_PROGRESS, 20,
                    "Kooperation mit der Energieeffizienzberatung der IHK; die ersten Sprechtage "
                    "im Gewerbegebiet Hasengrund haben stattgefunden."),
                  r("2024-11-26", A, IN_PROGRESS, 45,
                    "47 Erstberatungen und 18 geförderte Detailberatungen."),
                  r("2026-02-24", T, IN_PROGRESS, 60,
                    "Die Beratung kommt gut an. In unseren Gesprächen im Gewerbeverein wurde "
                    "klar: Es fehlt ein Lotse für Fördermittel."),
              ]),
            m("I 1.3", "Betriebliches Mobilitätsmanagement im Gewerbegebiet Hasengrund",
              "Weniger Autopendeln durch Jobrad, Busanbindung und Fahrgemeinschaften.",
              "Acht Betriebe mit zusammen 3.500 Beschäftigten analysieren die Arbeitswege und "
              "setzen gemeinsame Angebote um.",
              dept="wifoe", pos="mobil", planned=("2023-09", "2025-12"),
              actual=("2023-09-19", None), status=DELAYED, progress=25, weight=1,
              cost=25_000, priority=1, focus=THG, tags="Wirtschaft, Mobilität",
              reports=[
                  r("2023-09-19", A, PREPARATION, 10,
                    "Befragung der Beschäftigten in acht Betrieben gestartet."),
                  r("2024-08-13", A, IN_PROGRESS, 25,
                    "Ergebnis: 78 Prozent fahren mit dem Auto, 40 Prozent wohnen weniger als "
                    "10 km entfernt. Fünf Betriebe bieten inzwischen ein Jobrad an."),
                  r("2025-06-24", A, DELAYED, 25,
                    "Die geplante Buslinie ins Gewerbegebiet ist wegen fehlender Fahrer:innen "
                    "verschoben (siehe V 1.2)."),
                  r("2026-01-27", T, DELAYED, 25,
                    "Ein Lückenschluss im Radweg an der Hasengrundstraße wäre auch ohne Bus "
                    "machbar und sollte vorgezogen werden.", agreed=False),
              ]),
            m("I 1.4", "Abwärmekataster für Gewerbe und Industrie",
              "Wo entsteht Abwärme, die Nachbarn oder Wärmenetze nutzen könnten?",
              "Systematische Erhebung der Abwärmequellen in den Gewerbegebieten als Grundlage "
              "für Wärmenetze und Kooperationen zwischen Betrieben.",
              dept="wifoe", planned=("2027-01", "2028-06"), status=PLANNED, progress=0,
              weight=1, priority=2, focus=THG, tags="Wirtschaft, Abwärme",
              reports=[
                  r("2025-05-13", A, PLANNED, 0,
                    "In die Umsetzungsstrategie der Wärmeplanung aufgenommen; Start 2027."),
                  r("2025-06-03", T, PLANNED, 0,
                    "Das ist zu spät, die Abwärme ist heute schon da. Wir schlagen vor, die "
                    "Hochschule über eine Abschlussarbeit einzubinden.", agreed=False),
              ]),
            m("I 1.5", "Klimakriterien für die Vergabe von Gewerbeflächen",
              "Wer städtische Flächen kauft, baut mit Solardach und gutem Standard.",
              "Ein Punktesystem bewertet Bewerbungen für städtische Gewerbeflächen nach "
              "Photovoltaik, Gebäudestandard, Flächeneffizienz und Mobilitätskonzept.",
              dept="wifoe", planned=("2024-04", "2026-06"), actual=("2024-04-16", None),
              status=PREPARATION, progress=30, weight=1, priority=2,
              focus="THG-Einsparpotenzial, Einfache Umsetzung", source="council",
              tags="Wirtschaft, Flächen",
              reports=[
                  r("2024-04-16", A, PREPARATION, 10,
                    "Die Stadtverordnetenversammlung hat die Verwaltung beauftragt, Kriterien "
                    "zu entwickeln.", RIS + "2024-088"),
                  r("2025-11-25", A, PREPARATION, 30,
                    "Entwurf mit Punktesystem für PV-Belegung, Gebäudestandard und "
                    "Mobilitätskonzept liegt vor."),
              ]),
            m("I 1.6", "Solardachbörse für Gewerbedächer",
              "Eine Online-Börse, die Dächer und Investor:innen zusammenbringen sollte.",
              "Betriebe sollten ungenutzte Dachflächen einstellen, Investor:innen und die "
              "Bürgerenergie darauf Solaranlagen bauen. Die Börse wurde 2025 eingestellt.",
              dept="wifoe", planned=("2023-03", "2024-12"), actual=("2023-03-28", None),
              status=FAILED, progress=35, weight=1, cost=18_000, priority=1, focus=THG,
              tags="Wirtschaft, Photovoltaik",
              reports=[
                  r("2023-03-28", A, IN_PROGRESS, 30,
                    "Online-Börse gestartet, die Dachflächen von Betrieben und Investor:innen "
                    "zusammenbringt."),
                  r("2024-05-21", A, IN_PROGRESS, 35,
                    "Elf Dächer eingestellt, bisher keine Vermittlung."),
                  r("2025-04-08", A, FAILED, 35,
                    "Die Börse wird eingestellt: keine einzige Vermittlung in zwei Jahren. "
                    "Gründe sind kleine Dächer, kurze Pachtlaufzeiten und fehlende Statik."),
                  r("2025-04-29", T, FAILED, 35,
                    "Wir teilen die Bewertung. Statt einer Börse braucht es die aktive Ansprache "
                    "der Betriebe, etwa über die Klimaschutzpartnerschaft."),
              ]),
        ])),
    # ---------------------------------------------------------------- Gebäude
    (GEBAEUDE, m(
        "G 1", "Klimaneutrale Gebäude",
        "Städtische Gebäude als Vorbild, Beratung und Förderung für alle anderen.",
        "Die Stadt saniert ihre eigenen Gebäude nach einem Sanierungsfahrplan und "
        "unterstützt Eigentümer:innen mit Beratung, Förderung und Quartierskonzepten.",
        dept="hochbau", pos="dez2", planned=("2022-06", "2030-12"), weight=3, priority=3,
        focus=VORBILD, tags="Gebäude, Sanierung",
        children=[
            m("G 1.1", "Sanierungsfahrplan für die städtischen Liegenschaften",
              "Welches Gebäude wann saniert wird – bis 2035.",
              "Der Sanierungsfahrplan ordnet alle städtischen Gebäude nach Verbrauch, Zustand "
              "und Nutzung. Schulen und Kitas kommen zuerst.",
              dept="hochbau", pos="dez2", planned=("2022-04", "2023-06"),
              actual=("2022-06-21", "2023-06-27"), status=COMPLETED, progress=100, weight=2,
              cost=160_000, funding=112_000, programme="Kommunalrichtlinie", priority=3,
              focus=VORBILD, tags="Gebäude, Sanierung, Vorbild Stadt", model="14",
              reports=[
                  r("2022-06-21", A, IN_PROGRESS, 30,
                    "Begehungen für 62 städtische Gebäude abgeschlossen, Energieausweise "
                    "aktualisiert."),
                  r("2023-06-27", A, COMPLETED, 100,
                    "Sanierungsfahrplan beschlossen: 48 Gebäude werden bis 2035 saniert, Schulen "
                    "und Kitas zuerst. Investitionsbedarf rund 210 Mio. Euro.",
                    RIS + "2023-171"),
                  r("2023-07-11", T, COMPLETED, 100,
                    "Der Fahrplan ist gut. Finanziert ist er aber nur bis 2027."),
              ]),
            m("G 1.2", "Energetische Sanierung der Schulen",
              "Dämmung, Wärmepumpen und Lüftung für die städtischen Schulen.",
              "Die Schulen sind die größten Verbraucher unter den städtischen Gebäuden. "
              "Saniert wird im laufenden Betrieb, meist in den Ferien.",
              dept="hochbau", pos="dez2", planned=("2023-01", "2030-12"), weight=3,
              cost=38_000_000, funding=11_000_000, programme="BEG Nichtwohngebäude",
              priority=3, focus=VORBILD, tags="Gebäude, Schulen, Sanierung",
              children=[
                  m("G 1.2.1", "Gesamtschule Mainufer: Dach, Fassade und Lüftung",
                    "Die größte Schule der Stadt wird in zwei Bauabschnitten saniert.",
                    "Dämmung von Dach und Fassade, neue Fenster und eine Lüftung mit "
                    "Wärmerückgewinnung für 1.100 Schüler:innen.",
                    dept="hochbau", pos="dez2", planned=("2023-06", "2026-12"),
                    actual=("2023-08-29", None), status=IN_PROGRESS, progress=55, weight=3,
                    cost=14_500_000, funding=4_200_000, programme="BEG Nichtwohngebäude",
                    priority=3, focus=VORBILD, tags="Gebäude, Schulen",
                    reports=[
                        r("2023-08-29", A, PREPARATION, 15,
                          "Planung abgeschlossen, die Gewerke werden im Herbst ausgeschrieben."),
                        r("2024-09-17", A, DELAYED, 20,
                          "Für Dachdecker- und Fassadenarbeiten kamen auch in der zweiten "
                          "Ausschreibung keine Angebote. Der Baustart verschiebt sich um ein "
                          "Jahr."),
                        r("2025-06-10", A, IN_PROGRESS, 35,
                          "Nach einer Aufteilung in kleinere Lose liegen Angebote vor; Baubeginn "
                          "in den Sommerferien."),
                        r("2025-06-24", T, IN_PROGRESS, 35,
                          "Gut, dass die Lose kleiner geschnitten wurden – so konnten sich auch "
                          "Betriebe aus dem Gewerbeverein bewerben."),
                        r("2026-08-18", A, IN_PROGRESS, 55,
                          "Dach und Lüftung im Nordflügel sind fertig, die Fassade folgt bis "
                          "zum Sommer 2027.", ECHO + "2026/gesamtschule-baustelle"),
                    ],
                    blockers=[
                        b("Fachkräftemangel: Auf die Ausschreibung der Dachdecker- und "
                          "Fassadenarbeiten kam zweimal kein Angebot.", "2024-09-17",
                          helpers=["Gewerbeverein Rüsselsheim e. V.", "Heike Brenner",
                                   "Berufliche Schulen Mainspitze"],
                          positions=["dez2"],
                          help_wanted="Wer kennt Dachdecker- oder Fassadenbetriebe aus der "
                                      "Region, die sich für öffentliche Aufträge interessieren?",
                          by=A, resolved="2025-06-10"),
                    ]),
                  m("G 1.2.2", "Grundschule Sonnenwiese: Wärmepumpe und Dämmung",
                    "Die erste Schule ohne Gasheizung.",
                    "Luft-Wasser-Wärmepumpe, Dämmung der obersten Geschossdecke und neue "
                    "Fenster; zusammen mit der Solaranlage aus **E 1.1.1**.",
                    dept="hochbau", pos="dez2", planned=("2023-03", "2024-12"),
                    actual=("2023-03-21", "2025-02-11"), status=COMPLETED, progress=100,
                    weight=2, cost=3_800_000, funding=1_300_000,
                    programme="Landesförderung Hessen (KIP macht Schule)", priority=3,
                    focus=VORBILD, tags="Gebäude, Schulen, Wärmepumpe",
                    reports=[
                        r("2023-03-21", A, PREPARATION, 20,
                          "Planung beauftragt: Luft-Wasser-Wärmepumpe, Dämmung der obersten "
                          "Geschossdecke, neue Fenster."),
                        r("2024-05-28", A, IN_PROGRESS, 60,
                          "Der Umbau läuft in zwei Bauabschnitten während des Schulbetriebs."),
                        r("2025-02-11", A, COMPLETED, 100,
                          "Fertiggestellt. In der ersten Heizperiode sank der Wärmeverbrauch um "
                          "58 Prozent; es gibt keine Gasheizung mehr.",
                          CITY + "presse/2025/sonnenwiese"),
                        r("2025-03-04", T, COMPLETED, 100,
                          "Bestätigt – ein Vorzeigeprojekt. Die Schulgemeinde war gut "
                          "eingebunden."),
                    ]),
                  m("G 1.2.3", "Alte Schule am Kirchberg (Baudenkmal): Fenster und "
                    "Innendämmung",
                    "Energetische Sanierung eines denkmalgeschützten Schulgebäudes von 1908.",
                    "Innendämmung mit Kalziumsilikatplatten und neue Fenster, abgestimmt mit "
                    "der Denkmalpflege.",
                    dept="hochbau", pos="dez2", planned=("2024-01", "2025-12"),
                    actual=("2024-02-06", None), status=DELAYED, progress=15, weight=1,
                    cost=2_400_000, programme="Landesförderung Hessen (Denkmalpflege)",
                    priority=2, focus=VORBILD, tags="Gebäude, Schulen, Denkmalschutz",
                    reports=[
                        r("2024-02-06", A, PREPARATION, 10,
                          "Abstimmung mit der Unteren Denkmalschutzbehörde begonnen."),
                        r("2024-11-19", A, DELAYED, 10,
                          "Die Denkmalpflege verlangt Holzfenster nach historischem Vorbild; die "
                          "Mehrkosten von rund 400.000 Euro sind nicht finanziert."),
                        r("2025-10-07", T, DELAYED, 10,
                          "Andere Städte haben gute Lösungen mit Kastenfenstern gefunden. Wir "
                          "haben den Kontakt zur Hochschule vermittelt."),
                        r("2026-05-05", A, DELAYED, 15,
                          "Variantenuntersuchung mit der Hochschule abgeschlossen; ein "
                          "Förderantrag beim Landesamt für Denkmalpflege ist gestellt."),
                    ],
                    blockers=[
                        b("Denkmalschutz: Die Denkmalpflege verlangt Holzfenster nach "
                          "historischem Vorbild; rund 400.000 Euro Mehrkosten sind nicht "
                          "finanziert.", "2024-11-19",
                          helpers=["Hochschule am Main, Campus Rüsselsheim",
                                   "Prof. Dr. Elena Marković", "Bernd Falkenhahn"],
                          positions=["dez2", "kaemmerei"],
                          help_wanted="Wer hat Erfahrung mit der energetischen Sanierung von "
                                      "Baudenkmälern und kann uns Beispiele oder Fachleute "
                                      "nennen?"),
                    ]),
              ]),
            m("G 1.3", "Energetische Sanierung des Rathauses",
              "Dach, Fassade und Solaranlage für das Rathaus aus den 1970er-Jahren.",
              "Das Rathaus gehört zu den zehn größten Verbrauchern. Dachsanierung und "
              "Photovoltaik werden gemeinsam geplant.",
              dept="hochbau", pos="dez2", planned=("2024-06", "2029-12"),
              actual=("2024-11-05", None), status=PREPARATION, progress=15, weight=2,
              cost=9_000_000, programme="BEG Nichtwohngebäude", priority=2, focus=VORBILD,
              tags="Gebäude, Rathaus",
              reports=[
                  r("2024-11-05", A, PREPARATION, 10,
                    "Dachsanierung und Photovoltaik werden zusammen geplant; die Planung ist "
                    "ausgeschrieben."),
                  r("2026-03-24", A, PREPARATION, 15,
                    "Planungsbüro beauftragt. Baubeginn frühestens 2027, weil die Verwaltung "
                    "Ausweichflächen braucht."),
                  r("2026-04-14", T, PREPARATION, 15,
                    "Stand bestätigt. Die Suche nach Ausweichflächen darf nicht zu weiterer "
                    "Verzögerung führen."),
              ]),
            m("G 1.4", "Kommunales Energiemanagement",
              "Verbräuche aller städtischen Gebäude laufend messen und senken.",
              "Ein Energiemanager wertet die Zähler aller großen Liegenschaften aus, schult "
              "Hausmeister:innen und veröffentlicht jährlich einen Energiebericht.",
              dept="hochbau", planned=("2022-06", "2023-12"),
              actual=("2022-07-12", "2023-12-05"), status=COMPLETED, progress=100, weight=2,
              cost=130_000, funding=90_000, programme="Kommunalrichtlinie", priority=2,
              focus=VORBILD, tags="Gebäude, Energiemanagement",
              reports=[
                  r("2022-07-12", A, PREPARATION, 20,
                    "Förderantrag für ein Energiemanagementsystem über die Kommunalrichtlinie "
                    "gestellt."),
                  r("2023-04-04", A, IN_PROGRESS, 70,
                    "Energiemanager eingestellt; Zähler in 40 Gebäuden werden fernausgelesen."),
                  r("2023-12-05", A, COMPLETED, 100,
                    "Das Energiemanagement läuft in allen großen Liegenschaften. Erster "
                    "Energiebericht: Wärmeverbrauch minus 11 Prozent gegenüber 2021, "
                    "witterungsbereinigt.", CITY + "klimaschutz/energiebericht-2023"),
                  r("2024-01-23", T, COMPLETED, 100,
                    "Bestätigt. Der Energiebericht sollte jedes Jahr veröffentlicht werden."),
              ]),
            m("G 1.5", "Energieberatung für Eigentümer:innen und Mieter:innen",
              "Kostenlose Sprechstunden im Rathaus und in Königstädten.",
              "Die Verbraucher- und Energieberatung berät wöchentlich im Rathaus, dazu kommen "
              "Gebäude-Checks vor Ort. Beratung auch auf Türkisch und Englisch.",
              dept="energie", pos="umwelt", planned=("2022-09", "2030-12"),
              actual=("2022-09-06", None), status=IN_PROGRESS, progress=70, weight=2,
              cost=45_000, programme="Städtischer Haushalt (Klimaschutzbudget)", priority=2,
              focus="THG-Einsparpotenzial, Multiplikatoreffekt", tags="Gebäude, Beratung",
              reports=[
                  r("2022-09-06", A, IN_PROGRESS, 30,
                    "Wöchentliche Sprechstunde der Verbraucher- und Energieberatung im Rathaus "
                    "eingerichtet."),
                  r("2023-11-14", A, IN_PROGRESS, 50,
                    "290 Beratungen im Jahr, dazu 85 Gebäude-Checks vor Ort."),
                  r("2024-11-12", T, IN_PROGRESS, 55,
                    "Die Wartezeit liegt inzwischen bei sechs Wochen. Es braucht eine zweite "
                    "Sprechstunde."),
                  r("2025-10-21", A, IN_PROGRESS, 65,
                    "Zweite Sprechstunde in Königstädten; Beratung auch auf Türkisch und "
                    "Englisch."),
                  r("2026-10-06", A, IN_PROGRESS, 70,
                    "2026 bisher 340 Beratungen, die Wartezeit liegt unter zwei Wochen.",
                    agreed=False),
              ]),
            m("G 1.6", "Förderprogramm „Klimabonus Sanierung“",
              "Städtischer Zuschuss zu Dämmung und Heizungstausch, ergänzend zur BEG.",
              "Ein städtischer Zuschuss von bis zu 3.000 Euro ergänzt die Bundesförderung, "
              "mit einem Bonus für Haushalte mit geringem Einkommen.",
              dept="energie", pos="umwelt", planned=("2024-01", "2027-12"),
              actual=("2024-06-11", None), status=DELAYED, progress=10, weight=2,
              cost=750_000, programme="Städtischer Haushalt (Klimaschutzbudget)", priority=2,
              focus="THG-Einsparpotenzial, Benefits für die Allgemeinheit", source="council",
              tags="Gebäude, Förderprogramm", model="16",
              reports=[
                  r("2023-12-12", A, PLANNED, 0,
                    "Im Haushalt 2024 sind 250.000 Euro für Zuschüsse zu Dämmung und "
                    "Heizungstausch eingestellt.", RIS + "2023-330"),
                  r("2024-06-11", A, PREPARATION, 10,
                    "Die Förderrichtlinie ist im Entwurf fertig; Start zum 1. Januar 2025 "
                    "geplant."),
                  r("2025-02-25", A, DELAYED, 10,
                    "Wegen der Haushaltssperre kann das Programm nicht starten."),
                  r("2025-09-09", T, DELAYED, 10,
                    "Gerade Haushalte mit wenig Geld brauchen den Zuschuss. Wir fordern, das "
                    "Programm im Haushalt 2026 zu sichern.", TEAM_BLOG + "klimabonus"),
                  r("2026-02-17", A, DELAYED, 10,
                    "Der Haushalt 2026 ist noch nicht genehmigt; das Programm bleibt "
                    "ausgesetzt."),
              ],
              blockers=[
                  b("Haushaltssperre: Freiwillige Leistungen dürfen bis zur Genehmigung des "
                    "Haushalts nicht neu begonnen werden.", "2025-02-25",
                    helpers=["Fraktion Soziales Rüsselsheim (SoRü)",
                             "Fraktion Grüne Liste Rüsselsheim (GLR)", "Sevgi Arslan-Brück"],
                    positions=["kaemmerei", "ausschuss"], by=A),
              ]),
            m("G 1.7", "Energetische Quartierssanierung Dicker Busch",
              "Ein Sanierungsmanagement im Stadtteilbüro berät Haus für Haus.",
              "Auf Grundlage eines Quartierskonzepts berät ein Sanierungsmanagement "
              "Eigentümergemeinschaften und bereitet ein Nahwärmenetz vor.",
              dept="stadtplanung", pos="planung", planned=("2023-05", "2028-06"),
              actual=("2023-05-23", None), status=IN_PROGRESS, progress=45, weight=2,
              cost=480_000, funding=360_000, programme="KfW 432 (Energetische Stadtsanierung)",
              priority=2, focus=THG, tags="Gebäude, Quartier, Beratung", model="18",
              reports=[
                  r("2023-05-23", A, PREPARATION, 20,
                    "Quartierskonzept mit Förderung der KfW beauftragt."),
                  r("2024-06-25", A, IN_PROGRESS, 35,
                    "Das Konzept ist fertig; die Sanierungsmanagerin ist seit Juni im "
                    "Stadtteilbüro im Einsatz."),
                  r("2025-08-26", T, IN_PROGRESS, 40,
                    "Das Stadtteilbüro wird angenommen. Die Nachbarschaftsinitiative hilft bei "
                    "Hausbesuchen."),
                  r("2026-09-15", A, IN_PROGRESS, 45,
                    "42 Eigentümergemeinschaften beraten, 9 Sanierungen begonnen."),
              ]),
            m("G 1.8", "Leitlinien für klimaneutrales Bauen bei städtischen Projekten",
              "Passivhaus bei Neubauten, Effizienzhaus 55 bei Sanierungen.",
              "Verbindliche Standards für alle Bauprojekte der Stadt und ihrer Gesellschaften: "
              "Passivhausstandard, Photovoltaik, Holzbau wo möglich.",
              dept="hochbau", pos="dez2", planned=("2022-09", "2023-03"),
              actual=("2022-10-01", "2023-02-07"), status=COMPLETED, progress=100, weight=1,
              priority=2, focus=VORBILD, source="council", tags="Gebäude, Neubau",
              reports=[
                  r("2023-02-07", A, COMPLETED, 100,
                    "Leitlinien beschlossen: Passivhausstandard für Neubauten, Effizienzhaus 55 "
                    "bei Sanierungen, Holzbau wo möglich.", RIS + "2023-021"),
                  r("2023-02-21", T, COMPLETED, 100,
                    "Sehr gut. Wir werden bei jedem Bauprojekt nachfragen."),
              ]),
            m("G 1.9", "Klimapfad der städtischen Wohnungsbaugesellschaft",
              "Ein Sanierungsfahrplan für 6.500 Wohnungen – ohne Verdrängung.",
              "Die Stadt wirkt über den Aufsichtsrat darauf hin, dass die "
              "Wohnungsbaugesellschaft ihren Bestand bis 2035 klimaneutral macht und die "
              "Warmmiete dabei stabil bleibt.",
              dept="sozialamt", planned=("2024-03", "2030-12"), actual=("2025-04-15", None),
              status=IN_PROGRESS, progress=25, weight=2, priority=3,
              focus="THG-Einsparpotenzial, Benefits für die Allgemeinheit", source="team",
              tags="Gebäude, Wohnen, Mieter:innen",
              reports=[
                  r("2024-03-12", T, PLANNED, 0,
                    "Die Wohnungsbaugesellschaft hat keinen veröffentlichten Sanierungsfahrplan. "
                    "Wir bitten den Aufsichtsrat, einen anzufordern."),
                  r("2025-04-15", A, PREPARATION, 15,
                    "Der Aufsichtsrat hat einen Klimapfad für den Wohnungsbestand beauftragt."),
                  r("2026-06-23", A, IN_PROGRESS, 25,
                    "Klimapfad vorgelegt: 2.400 Wohnungen bis 2035, serielle Sanierung in "
                    "Haßloch-Nord als Pilot.", ECHO + "2026/klimapfad-wohnungsbau"),
                  r("2026-07-14", T, IN_PROGRESS, 25,
                    "Gut, aber die Sanierung darf die Warmmiete nicht stärker erhöhen, als "
                    "Energie eingespart wird.", agreed=False),
              ]),
        ])),
    # ---------------------------------------------------------------- Verkehr
    (VERKEHR, m(
        "V 1", "Mobilitätswende",
        "Mehr Rad, Bus und Fuß, weniger Autoverkehr – und der Rest elektrisch.",
        "Der Verkehr ist der Bereich, in dem die Emissionen seit 1990 kaum gesunken sind. "
        "Das Konzept setzt auf ein durchgehendes **Radnetz**, einen dichteren **Bustakt**, "
        "**Parkraummanagement** und Ladeinfrastruktur.",
        dept="tiefbau", pos="dez2", planned=("2022-06", "2030-12"), weight=3, priority=3,
        focus=THG, tags="Verkehr",
        children=[
            m("V 1.1", "Radverkehrskonzept und Radnetz",
              "Ein durchgehendes Radnetz von 124 km bis 2030.",
              "Das Radverkehrskonzept legt ein Zielnetz mit Fahrradstraßen, geschützten "
              "Radfahrstreifen und der Radschnellverbindung nach Frankfurt fest.",
              dept="mobilitaet", pos="rad", planned=("2022-06", "2030-12"), weight=3,
              cost=6_400_000, funding=3_800_000,
              programme="Sonderprogramm „Stadt und Land“, Landesförderung Hessen (Nahmobilität)",
              priority=3, focus=THG, tags="Verkehr, Radverkehr", model="20",
              children=[
                  m("V 1.1.1", "Radverkehrskonzept erstellen und beschließen",
                    "Zielnetz, Mängelkarte und 54 Einzelmaßnahmen.",
                    "Mit einer Online-Mängelkarte und zwei Radtouren mit der "
                    "Fahrradinitiative erarbeitet.",
                    dept="mobilitaet", pos="mobil", planned=("2022-05", "2023-06"),
                    actual=("2022-06-14", "2023-09-12"), status=COMPLETED, progress=100,
                    weight=1, cost=85_000, funding=59_500, programme="Kommunalrichtlinie",
                    priority=3, focus=THG, tags="Verkehr, Radverkehr, Beteiligung",
                    reports=[
                        r("2022-06-14", A, IN_PROGRESS, 30,
                          "Planungsbüro beauftragt; die Online-Karte für Mängelmeldungen ist "
                          "freigeschaltet."),
                        r("2022-10-25", T, IN_PROGRESS, 45,
                          "Über 900 Einträge in der Mängelkarte, viele davon von der "
                          "Fahrradinitiative gesammelt."),
                        r("2023-09-12", A, COMPLETED, 100,
                          "Radverkehrskonzept mit einem Zielnetz von 124 km und 54 "
                          "Einzelmaßnahmen beschlossen.", RIS + "2023-214"),
                        r("2023-09-26", T, COMPLETED, 100,
                          "Bestätigt. Jetzt muss gebaut werden."),
                    ]),
                  m("V 1.1.2", "Radschnellverbindung Frankfurt–Rüsselsheim: Stadtabschnitt",
                    "4,2 km Radschnellweg entlang der Bahnlinie.",
                    "Der Rüsselsheimer Abschnitt der regionalen Radschnellverbindung. Zwei "
                    "Engstellen an der Bahnlinie sind noch ungeklärt.",
                    dept="mobilitaet", pos="rad", planned=("2023-01", "2026-12"),
                    actual=("2023-03-07", None), status=DELAYED, progress=15, weight=2,
                    cost=4_300_000, funding=3_000_000,
                    programme="Sonderprogramm „Stadt und Land“", priority=3, focus=THG,
                    tags="Verkehr, Radverkehr, Region",
                    reports=[
                        r("2023-03-07", A, PREPARATION, 10,
                          "Vorplanung mit dem Regionalverband für den 4,2 km langen "
                          "Stadtabschnitt begonnen."),
                        r("2023-10-17", A, DELAYED, 15,
                          "Für zwei Engstellen an der Bahnlinie fehlen Flächen; Gespräche mit "
                          "der Bahn und privaten Eigentümer:innen laufen."),
                        r("2024-10-15", T, DELAYED, 15,
                          "Seit einem Jahr keine Bewegung. Wir schlagen eine Zwischenlösung "
                          "über die Parallelstraße vor.", TEAM_BLOG + "radschnellweg"),
                        r("2025-11-04", A, DELAYED, 15,
                          "Der Grunderwerb an der Nordbrücke ist gescheitert. Eine Umfahrung "
                          "über die Parallelstraße wird geprüft."),
                        r("2026-06-16", T, DELAYED, 15,
                          "Die Umfahrung ist ein guter Kompromiss. Wir erwarten bis Jahresende "
                          "einen Planungsbeschluss.", agreed=False),
                    ],
                    blockers=[
                        b("Fehlende Flächen: An zwei Engstellen entlang der Bahnlinie sind "
                          "die Grundstücke nicht verfügbar.", "2023-10-17",
                          helpers=["Fahrradinitiative Rüsselsheim e. V.", "Paul Neumann",
                                   "Ralf Obermeier"],
                          positions=["mobil", "rad", "dez2"],
                          help_wanted="Kommen Sie zur Bürgerversammlung zur Radschnellverbindung "
                                      "und zeigen Sie, dass Rüsselsheim den Radweg will.",
                          by=A),
                    ]),
                  m("V 1.1.3", "Fahrradstraßen in der Innenstadt",
                    "Ein Netz von Fahrradstraßen mit Modalfiltern gegen Durchgangsverkehr.",
                    "Nebenstraßen der Innenstadt werden zu Fahrradstraßen; Modalfilter halten "
                    "den Durchgangsverkehr heraus.",
                    dept="mobilitaet", pos="mobil", planned=("2024-01", "2027-12"),
                    actual=("2024-04-09", None), status=IN_PROGRESS, progress=50, weight=2,
                    cost=900_000, programme="Landesförderung Hessen (Nahmobilität)",
                    priority=2, focus=THG, tags="Verkehr, Radverkehr, Innenstadt",
                    reports=[
                        r("2024-04-09", A, IN_PROGRESS, 20,
                          "Erste Fahrradstraße in der Marktstraße eingerichtet (0,8 km).",
                          CITY + "presse/2024/fahrradstrasse-marktstrasse"),
                        r("2025-05-06", A, IN_PROGRESS, 40,
                          "Zwei weitere Fahrradstraßen in Betrieb, zusammen 3,1 km."),
                        r("2025-05-27", T, IN_PROGRESS, 35,
                          "In der Marktstraße wird zu schnell und viel durchgefahren. Ohne "
                          "Modalfilter funktioniert die Fahrradstraße nicht.", agreed=False),
                        r("2026-09-29", A, IN_PROGRESS, 50,
                          "Modalfilter in der Marktstraße seit Juli; der Durchgangsverkehr ist "
                          "um 70 Prozent gesunken. Die vierte Fahrradstraße ist in Planung."),
                    ]),
                  m("V 1.1.4", "Fahrradparkhaus am Bahnhof",
                    "620 sichere Stellplätze, davon 40 für Lastenräder.",
                    "Ein Fahrradparkhaus am Bahnhofsvorplatz mit Ladefächern für E-Bikes und "
                    "einer Reparaturstation.",
                    dept="mobilitaet", pos="mobil", planned=("2023-06", "2025-03"),
                    actual=("2023-11-21", "2025-04-15"), status=COMPLETED, progress=100,
                    weight=1, cost=2_100_000, funding=1_470_000,
                    programme="Landesförderung Hessen (Nahmobilität)", priority=2, focus=THG,
                    tags="Verkehr, Radverkehr, Bahnhof",
                    reports=[
                        r("2023-11-21", A, PREPARATION, 30,
                          "Förderzusage vom Land erhalten, Bauantrag eingereicht."),
                        r("2024-09-03", A, IN_PROGRESS, 60,
                          "Baubeginn am Bahnhofsvorplatz."),
                        r("2025-04-15", A, COMPLETED, 100,
                          "Fahrradparkhaus mit 620 Stellplätzen eröffnet, davon 40 für "
                          "Lastenräder.", ECHO + "2025/fahrradparkhaus-eroeffnet"),
                        r("2025-05-13", T, COMPLETED, 100,
                          "Bestätigt; die Auslastung liegt schon bei 70 Prozent."),
                    ]),
              ]),
            m("V 1.2", "15-Minuten-Takt auf den Stadtbuslinien",
              "Alle 15 Minuten ein Bus auf den Linien 41, 42 und 43.",
              "Der Nahverkehrsplan sieht ab 2024 einen 15-Minuten-Takt auf den drei "
              "Hauptlinien vor, abends und am Wochenende einen 30-Minuten-Takt.",
              dept="mobilitaet", pos="mobil", planned=("2023-01", "2024-12"),
              actual=("2022-12-13", None), status=DELAYED, progress=30, weight=3,
              cost=1_800_000, programme="Städtischer Haushalt (Verkehrsvertrag)", priority=3,
              focus=THG, tags="Verkehr, ÖPNV", model="21",
              reports=[
                  r("2022-12-13", A, PREPARATION, 10,
                    "Nahverkehrsplan fortgeschrieben: 15-Minuten-Takt auf den Linien 41, 42 und "
                    "43 ab 2024.", RIS + "2022-352"),
                  r("2024-01-16", A, DELAYED, 20,
                    "Die Taktverdichtung ist verschoben: Dem Verkehrsunternehmen fehlen 14 "
                    "Busfahrer:innen."),
                  r("2024-06-18", T, DELAYED, 20,
                    "Wir haben eine Ausbildungsinitiative mit den Beruflichen Schulen "
                    "angeregt."),
                  r("2025-05-20", A, IN_PROGRESS, 30,
                    "Die Linie 41 fährt seit April im 15-Minuten-Takt."),
                  r("2026-03-31", A, DELAYED, 30,
                    "Die Linien 42 und 43 fahren weiter im 30-Minuten-Takt; der Personalmangel "
                    "hält an."),
                  r("2026-04-21", T, DELAYED, 30,
                    "Bestätigt. Die Linie 41 zeigt, was möglich ist: 18 Prozent mehr "
                    "Fahrgäste."),
              ],
              blockers=[
                  b("Fachkräftemangel: Dem Verkehrsunternehmen fehlen 14 Busfahrer:innen.",
                    "2024-01-16",
                    helpers=["Berufliche Schulen Mainspitze",
                             "Interkultureller Familienverein Rüsselsheim e. V.",
                             "Stadtwerke Rüsselsheim GmbH"],
                    positions=["swr", "mobil"],
                    help_wanted="Sie haben einen Busführerschein oder möchten ihn machen? Das "
                                "Verkehrsunternehmen bildet aus und übernimmt die Kosten.",
                    by=A),
              ]),
            m("V 1.3", "Elektrobusse für den Stadtbusverkehr",
              "Zwölf Elektrobusse und ein Ladehof bis 2027.",
              "Die Dieselbusse der Stadtlinien werden schrittweise durch Elektrobusse ersetzt, "
              "die im Betriebshof über Nacht laden.",
              dept="swr", pos="swr", planned=("2023-06", "2027-12"),
              actual=("2023-06-06", None), status=IN_PROGRESS, progress=40, weight=2,
              cost=11_000_000, funding=4_400_000,
              programme="Bundesförderung alternative Antriebe im ÖPNV", priority=2, focus=THG,
              tags="Verkehr, ÖPNV, Elektromobilität",
              reports=[
                  r("2023-06-06", A, PREPARATION, 15,
                    "Förderantrag für zwölf Elektrobusse und die Ladeinfrastruktur im "
                    "Betriebshof gestellt."),
                  r("2024-07-09", A, IN_PROGRESS, 25, "Förderbescheid erhalten, Busse bestellt."),
                  r("2025-09-23", A, IN_PROGRESS, 40,
                    "Die ersten sechs Elektrobusse fahren auf den Linien 41 und 42.",
                    SWR + "presse/elektrobusse"),
                  r("2025-10-07", T, IN_PROGRESS, 40,
                    "Bestätigt. Die Fahrgäste loben die leisen Busse."),
              ]),
            m("V 1.4", "Parkraummanagement Innenstadt",
              "Bewirtschaftung aller Stellplätze im Innenstadtring, Anwohnerparken neu "
              "geordnet.",
              "Parken im Innenstadtring kostet künftig überall Geld. Frei werdende Flächen "
              "werden zu **Lieferzonen, Radbügeln und Grün**.",
              dept="tiefbau", pos="mobil", planned=("2023-03", "2026-12"),
              actual=("2023-04-25", None), status=IN_PROGRESS, progress=45, weight=2,
              cost=350_000, priority=2, focus=THG, source="council",
              tags="Verkehr, Parken, Innenstadt", model="22",
              reports=[
                  r("2023-04-25", A, PREPARATION, 20,
                    "Parkraumkonzept beauftragt: Bewirtschaftung aller Stellplätze im "
                    "Innenstadtring, Anwohnerparken neu geordnet."),
                  r("2024-02-27", T, PREPARATION, 25,
                    "Der Gewerbeverein macht Stimmung gegen das Konzept. Wir werben für "
                    "Lieferzonen und Radabstellanlagen als Kompromiss."),
                  r("2024-06-25", A, IN_PROGRESS, 35,
                    "Die Stadtverordnetenversammlung beschließt das Konzept mit knapper "
                    "Mehrheit; Umsetzung in drei Zonen.", RIS + "2024-140",
                    ECHO + "2024/parkraumkonzept-beschlossen"),
                  r("2025-07-01", A, IN_PROGRESS, 50,
                    "Zonen 1 und 2 bewirtschaftet; 180 Stellplätze wurden zu Lieferzonen, "
                    "Radbügeln und Grün."),
                  r("2026-02-03", T, IN_PROGRESS, 45,
                    "Die Einnahmen sollten sichtbar in den Radverkehr fließen; bisher gehen sie "
                    "in den allgemeinen Haushalt.", agreed=False),
              ]),
            m("V 1.5", "Öffentliche Ladeinfrastruktur",
              "400 öffentliche Ladepunkte bis 2030, auch in Wohngebieten ohne Garagen.",
              "Die Stadtwerke bauen nach einem Standortkonzept Ladepunkte an Parkplätzen, "
              "Supermärkten und – als Pilot – an Laternen.",
              dept="swr", pos="swr", planned=("2022-06", "2030-12"),
              actual=("2022-11-08", None), status=IN_PROGRESS, progress=45, weight=1,
              cost=2_600_000, funding=900_000, programme="Förderrichtlinie Ladeinfrastruktur",
              priority=1, focus=THG, tags="Verkehr, Elektromobilität", model="58",
              reports=[
                  r("2022-11-08", A, IN_PROGRESS, 15,
                    "Standortkonzept für 400 öffentliche Ladepunkte bis 2030 beschlossen."),
                  r("2024-03-05", A, IN_PROGRESS, 30,
                    "118 öffentliche Ladepunkte in Betrieb, davon 24 Schnelllader."),
                  r("2025-03-11", T, IN_PROGRESS, 35,
                    "In Wohngebieten ohne Garagen fehlen weiterhin Ladepunkte; Laternenladen "
                    "wäre eine Lösung."),
                  r("2026-03-10", A, IN_PROGRESS, 45,
                    "214 Ladepunkte; Pilot mit 20 Laternenladepunkten in Haßloch-Nord."),
              ]),
            m("V 1.6", "Tempo 30 auf Hauptverkehrsstraßen",
              "Mehr Sicherheit und weniger Lärm, wo die Straßenverkehrsordnung es erlaubt.",
              "Rüsselsheim gehört der Initiative „Lebenswerte Städte durch angemessene "
              "Geschwindigkeiten“ an und nutzt die neuen Spielräume der "
              "Straßenverkehrsordnung.",
              dept="ordnungsamt", pos="mobil", planned=("2025-01", "2027-12"),
              status=PLANNED, progress=0, weight=1, priority=1, focus=THG, source="council",
              tags="Verkehr, Verkehrssicherheit",
              reports=[
                  r("2023-10-24", A, PLANNED, 0,
                    "Rüsselsheim ist der Initiative „Lebenswerte Städte durch angemessene "
                    "Geschwindigkeiten“ beigetreten.", RIS + "2023-266"),
                  r("2025-02-18", T, PLANNED, 0,
                    "Seit der Reform der Straßenverkehrsordnung wären mehr Tempo-30-Strecken "
                    "möglich. Wir vermissen einen Zeitplan.", agreed=False),
              ]),
            m("V 1.7", "Umstellung des städtischen Fuhrparks",
              "Elektrische Dienstwagen, Diensträder und Lastenräder.",
              "Neue Dienstfahrzeuge werden nur noch elektrisch beschafft; für kurze Wege gibt "
              "es Diensträder und Lastenräder.",
              dept="hauptamt", planned=("2022-06", "2028-12"), actual=("2022-08-30", None),
              status=IN_PROGRESS, progress=55, weight=1, cost=1_900_000, priority=2,
              focus=VORBILD, tags="Verkehr, Elektromobilität, Vorbild Stadt",
              reports=[
                  r("2022-08-30", A, IN_PROGRESS, 15,
                    "Neue Dienstwagen werden nur noch elektrisch beschafft; 12 von 96 "
                    "Fahrzeugen fahren elektrisch."),
                  r("2024-08-27", A, IN_PROGRESS, 40,
                    "38 Elektrofahrzeuge und 25 Diensträder, davon 6 Lastenräder."),
                  r("2026-08-11", A, IN_PROGRESS, 55,
                    "53 von 94 Fahrzeugen fahren elektrisch; für Sonderfahrzeuge im Betriebshof "
                    "fehlen noch Angebote."),
                  r("2026-08-25", T, IN_PROGRESS, 55,
                    "Stand bestätigt. Gut, dass auch die Diensträder gezählt werden."),
              ]),
            m("V 1.8", "Schulstraße an der Grundschule Sonnenwiese",
              "Morgens 30 Minuten keine Autos vor dem Schultor.",
              "Eine Idee aus der Elternwerkstatt: Die Straße vor der Schule wird zu "
              "Schulbeginn für den Autoverkehr gesperrt.",
              dept="mobilitaet", pos="mobil", planned=("2024-08", "2025-03"),
              actual=("2024-09-10", "2025-03-18"), status=COMPLETED, progress=100, weight=1,
              cost=12_000, priority=1, focus="Akzeptanzförderung", source="workshop",
              tags="Verkehr, Schulen, Verkehrssicherheit",
              reports=[
                  r("2024-04-23", T, PREPARATION, 10,
                    "Vorschlag aus der Elternwerkstatt: Die Straße vor der Schule morgens 30 "
                    "Minuten für Autos sperren."),
                  r("2024-09-10", A, IN_PROGRESS, 50,
                    "Verkehrsversuch für ein Schulhalbjahr gestartet."),
                  r("2025-03-18", A, COMPLETED, 100,
                    "Verkehrsversuch ausgewertet: 40 Prozent weniger Elterntaxis. Die "
                    "Schulstraße wird dauerhaft eingerichtet.", CITY + "presse/2025/schulstrasse"),
                  r("2025-04-01", T, COMPLETED, 100,
                    "Ein Erfolg – drei weitere Schulen haben schon angefragt."),
              ]),
            m("V 1.9", "Mobilitätsstationen in den Stadtteilen",
              "Carsharing, Leihräder und Bus an einem Ort.",
              "Sechs Mobilitätsstationen an Bushaltestellen in den Stadtteilen, mit "
              "Carsharing, Leihrädern und Lastenrädern.",
              dept="mobilitaet", pos="mobil", planned=("2027-01", "2029-12"), status=PLANNED,
              progress=0, weight=1, cost=1_200_000, priority=2, focus=THG,
              tags="Verkehr, Sharing",
              reports=[
                  r("2025-06-17", A, PLANNED, 0,
                    "Standortsuche für sechs Mobilitätsstationen begonnen; der Förderantrag ist "
                    "für 2027 vorgesehen."),
              ]),
            m("V 1.10", "Lastenrad-Verleih für Kitas und Vereine",
              "Vorschlag: kostenlose Lastenräder zum Ausleihen, betreut vom Fahrradhaus.",
              "Zehn Lastenräder an Kitas, Vereinsheimen und Stadtteilzentren, gebucht über eine "
              "App und gewartet vom Fahrradhaus Mainspitze.\n\n*Vorschlag des Lokalteams, "
              "noch nicht mit der Verwaltung abgestimmt.*",
              dept="mobilitaet", cost=60_000, priority=1, focus="Akzeptanzförderung",
              source="team", tags="Verkehr, Radverkehr, Sharing", status=UNKNOWN,
              published=False),
        ])),
    # ---------------------------------------------------------------- Land & Natur
    (NATUR, m(
        "N 1", "Stadtgrün und natürlicher Klimaschutz",
        "Bäume, Wald, Entsiegelung und Schutz vor Hitze.",
        "Bäume und Wald binden Kohlenstoff und kühlen die Stadt. Das Handlungsfeld verbindet "
        "Klimaschutz mit der Anpassung an heißere Sommer.",
        dept="umweltamt", pos="umwelt", planned=("2022-09", "2030-12"), weight=1, priority=2,
        focus=THG, tags="Stadtgrün",
        children=[
            m("N 1.1", "1.000 Bäume für Rüsselsheim",
              "1.000 neue Stadtbäume bis 2027, mit Gießpatenschaften.",
              "Gepflanzt werden klimaresiliente Arten in Straßen, Grünanlagen und auf "
              "Schulhöfen. Bürger:innen übernehmen Gießpatenschaften.",
              dept="natur", pos="umwelt", planned=("2022-10", "2027-12"),
              actual=("2022-11-22", None), status=IN_PROGRESS, progress=70, weight=2,
              cost=480_000, funding=120_000, programme="Landesförderung Hessen (Klimarichtlinie)",
              priority=2, focus="THG-Einsparpotenzial, Benefits für die Allgemeinheit",
              tags="Stadtgrün, Bäume, Mitmachen",
              reports=[
                  r("2022-11-22", A, IN_PROGRESS, 10,
                    "Die ersten 85 Bäume in Straßen und Grünanlagen sind gepflanzt, alle aus "
                    "klimaresilienten Arten."),
                  r("2023-11-28", T, IN_PROGRESS, 25,
                    "Pflanzaktion mit dem Umweltverband und der Nachbarschaftsinitiative "
                    "Dicker Busch: 120 Bäume an einem Tag.", TEAM_BLOG + "pflanzaktion-2023"),
                  r("2024-12-03", A, IN_PROGRESS, 45,
                    "Bisher 460 Bäume gepflanzt; 31 mussten nach dem trockenen Sommer ersetzt "
                    "werden."),
                  r("2025-12-09", A, IN_PROGRESS, 60,
                    "640 Bäume gepflanzt; Gießpatenschaften für 210 Bäume vergeben."),
                  r("2026-11-10", T, IN_PROGRESS, 70,
                    "Im Herbst kamen 70 weitere Bäume dazu. Die Gießpatenschaften klappen gut, "
                    "in der Innenstadt fehlen aber Standorte.", agreed=False),
              ]),
            m("N 1.2", "Baumschutzsatzung",
              "Schutz für alle Bäume ab 60 cm Stammumfang.",
              "Die Satzung schützt große Bäume auch auf privaten Grundstücken und regelt "
              "Ersatzpflanzungen.",
              dept="natur", pos="umwelt", planned=("2023-06", "2024-06"),
              actual=("2023-06-13", "2024-03-26"), status=COMPLETED, progress=100, weight=1,
              priority=2, focus=THG, source="workshop", tags="Stadtgrün, Bäume", model="29",
              reports=[
                  r("2023-06-13", T, PLANNED, 0,
                    "Empfehlung des Runden Tischs Klima: eine Baumschutzsatzung für alle Bäume "
                    "ab 60 cm Stammumfang."),
                  r("2023-11-07", A, PREPARATION, 40,
                    "Satzungsentwurf mit Regeln für Ersatzpflanzungen liegt vor; die Anhörung "
                    "der Verbände läuft."),
                  r("2024-03-26", A, COMPLETED, 100,
                    "Die Baumschutzsatzung ist in Kraft.", RIS + "2024-061"),
              ]),
            m("N 1.3", "Entsiegelung und Begrünung von Schulhöfen",
              "Asphalt raus, Bäume und Beete rein – geplant mit den Schüler:innen.",
              "Schulhöfe werden nach und nach entsiegelt und zu schattigen Lern- und "
              "Spielorten umgestaltet.",
              dept="schulamt", planned=("2024-01", "2029-12"), actual=("2024-05-07", None),
              status=IN_PROGRESS, progress=30, weight=1, cost=1_100_000,
              programme="Landesförderung Hessen (Klimarichtlinie)", priority=2,
              focus="Benefits für die Allgemeinheit", tags="Stadtgrün, Schulen, Hitze",
              reports=[
                  r("2024-05-07", A, IN_PROGRESS, 10,
                    "Erster Schulhof (Grundschule Sonnenwiese) zu einem Drittel entsiegelt."),
                  r("2025-06-17", T, IN_PROGRESS, 20,
                    "Die Schüler:innen haben an der Planung mitgearbeitet – gern mehr davon. "
                    "Das Tempo ist aber zu gering."),
                  r("2026-06-02", A, IN_PROGRESS, 30,
                    "Drei Schulhöfe umgestaltet, 2.900 m² entsiegelt."),
              ]),
            m("N 1.4", "Waldumbau zum Klimawald im Stadtwald",
              "40 ha Kiefernforst werden zu klimastabilem Mischwald.",
              "Unterpflanzung mit Eiche, Elsbeere und Hainbuche, damit der Stadtwald "
              "Trockenheit übersteht und Kohlenstoff speichert.",
              dept="natur", pos="umwelt", planned=("2023-01", "2030-12"),
              actual=("2023-01-24", None), status=IN_PROGRESS, progress=35, weight=2,
              cost=640_000, funding=380_000, programme="Landesförderung Hessen (Waldumbau)",
              priority=3, focus=THG, tags="Stadtgrün, Wald", model="27",
              reports=[
                  r("2023-01-24", A, IN_PROGRESS, 10,
                    "Forsteinrichtung beauftragt; Waldumbau auf 40 ha geplant."),
                  r("2024-10-29", A, IN_PROGRESS, 25,
                    "12 ha mit Eichen, Elsbeere und Hainbuche unterpflanzt."),
                  r("2026-01-20", A, IN_PROGRESS, 35,
                    "Nach dem Dürrejahr 2025 mussten 3 ha neu bepflanzt werden; insgesamt sind "
                    "18 ha umgebaut."),
                  r("2026-02-10", T, IN_PROGRESS, 35,
                    "Stand bestätigt. Wir unterstützen die Pflanzaktionen gern mit "
                    "Freiwilligen."),
              ]),
            m("N 1.5", "Förderprogramm Dach- und Fassadenbegrünung",
              "Zuschuss von 50 Prozent, bis 5.000 Euro je Gebäude.",
              "Gründächer und begrünte Fassaden halten Regenwasser zurück und kühlen; "
              "kombiniert mit Photovoltaik steigern sie sogar deren Ertrag.",
              dept="energie", pos="umwelt", planned=("2023-04", "2027-12"),
              actual=("2023-04-11", None), status=IN_PROGRESS, progress=55, weight=1,
              cost=300_000, programme="Städtischer Haushalt (Klimaschutzbudget)", priority=1,
              focus="Benefits für die Allgemeinheit", tags="Stadtgrün, Förderprogramm, Hitze",
              reports=[
                  r("2023-04-11", A, IN_PROGRESS, 20,
                    "Förderprogramm gestartet: 50 Prozent Zuschuss bis 5.000 Euro."),
                  r("2024-04-09", A, IN_PROGRESS, 40, "38 Gründächer gefördert."),
                  r("2025-04-08", A, IN_PROGRESS, 55,
                    "71 Gründächer und 14 Fassadenbegrünungen gefördert."),
                  r("2025-04-22", T, IN_PROGRESS, 55,
                    "Bestätigt. Die Kombination mit Photovoltaik (Solargründach) sollte stärker "
                    "beworben werden."),
              ]),
            m("N 1.6", "Hitzeaktionsplan",
              "Kühle Orte, Hitzetelefon und Trinkbrunnen für heiße Sommer.",
              "Gemeinsam mit dem Gesundheitsamt des Kreises: eine Karte kühler Orte, ein "
              "Hitzetelefon für ältere Menschen und mehr Trinkbrunnen.",
              dept="energie", pos="umwelt", planned=("2025-03", "2027-06"),
              actual=("2025-05-27", None), status=PREPARATION, progress=40, weight=1,
              cost=80_000, priority=1, focus="Benefits für die Allgemeinheit",
              tags="Hitze, Gesundheit",
              reports=[
                  r("2025-05-27", A, PREPARATION, 20,
                    "Der Hitzeaktionsplan entsteht mit dem Gesundheitsamt des Kreises und dem "
                    "Sozialamt; kühle Orte werden kartiert."),
                  r("2026-06-30", A, PREPARATION, 40,
                    "Karte mit 24 kühlen Orten veröffentlicht; ein Hitzetelefon für Ältere "
                    "startet im Sommer 2027.", CITY + "hitze"),
                  r("2026-07-14", T, PREPARATION, 40,
                    "Bestätigt. Bitte auch die Kirchen als kühle Orte einbeziehen."),
              ]),
            m("N 1.7", "Flächensparziel im Flächennutzungsplan",
              "Netto-Null beim Flächenverbrauch bis 2030.",
              "Neue Baugebiete nur noch im Tausch gegen Entsiegelung an anderer Stelle; "
              "Vorrang für Innenentwicklung.",
              dept="stadtplanung", pos="planung", planned=("2024-01", "2026-12"),
              status=UNKNOWN, weight=1, priority=2, focus=THG, tags="Flächen, Stadtplanung",
              reports=[
                  r("2025-10-14", T, UNKNOWN, None,
                    "Seit dem Beschluss des Konzepts haben wir zu dieser Maßnahme nichts mehr "
                    "gehört. Wir bitten die Verwaltung um einen Sachstand.", agreed=False),
              ]),
            m("N 1.8", "Tiny Forests auf Schulgeländen",
              "Vorschlag: kleine, dichte Wälder nach der Miyawaki-Methode.",
              "Auf 200 bis 400 m² pflanzen Schüler:innen dicht an dicht heimische Gehölze. "
              "Nach drei Jahren entsteht ein kleiner Wald, der kühlt und Artenvielfalt "
              "bietet.\n\n*Vorschlag des Lokalteams aus der Zukunftswerkstatt.*",
              dept="natur", cost=25_000, priority=1,
              focus="Akzeptanzförderung, Benefits für die Allgemeinheit", source="team",
              tags="Stadtgrün, Schulen, Mitmachen", status=UNKNOWN, published=False),
        ])),
    # ---------------------------------------------------------------- Abfall
    (ABFALL, m(
        "A 1", "Abfall, Abwasser und Kreislaufwirtschaft",
        "Energie aus Klärgas und Bioabfall, weniger Müll, mehr Reparatur.",
        "Kläranlage und Entsorgungsbetrieb können Energie erzeugen statt verbrauchen; "
        "Reparieren und Mehrweg vermeiden Abfall.",
        dept="umweltamt", pos="umwelt", planned=("2023-01", "2030-12"), weight=1, priority=1,
        focus=THG, tags="Abfall",
        children=[
            m("A 1.1", "Energieoptimierung der Kläranlage",
              "Die Kläranlage soll bis 2030 ihren Strom selbst erzeugen.",
              "Der Abwasserverband Mainspitze erneuert Gebläse und Klärgas-BHKW und baut "
              "Photovoltaik auf dem Gelände.",
              dept="umweltamt", planned=("2023-06", "2030-12"), actual=("2023-07-18", None),
              status=IN_PROGRESS, progress=50, weight=2, cost=2_800_000, funding=840_000,
              programme="Kommunalrichtlinie", priority=3, focus=THG,
              tags="Abwasser, Energieeffizienz", model="35",
              reports=[
                  r("2023-07-18", A, PREPARATION, 15,
                    "Der Abwasserverband hat eine Energieanalyse der Kläranlage beauftragt."),
                  r("2024-09-24", A, IN_PROGRESS, 35,
                    "Neues Gebläse und eine Solaranlage (250 kWp) in Betrieb; der Strombezug "
                    "ist um 30 Prozent gesunken."),
                  r("2026-05-12", A, IN_PROGRESS, 50,
                    "Das Klärgas-BHKW ist erneuert; die Kläranlage deckt 72 Prozent ihres "
                    "Strombedarfs selbst."),
                  r("2026-05-26", T, IN_PROGRESS, 50,
                    "Bestätigt. Ziel sollte die energieautarke Kläranlage bis 2030 bleiben."),
              ]),
            m("A 1.2", "Vergärung von Bioabfall statt Kompostierung",
              "Biogas aus der Biotonne statt einfacher Kompostierung.",
              "Der Kreis prüft eine gemeinsame Vergärungsanlage für die Bioabfälle aller "
              "Kreiskommunen.",
              dept="umweltamt", planned=("2027-01", "2030-12"), status=PLANNED, progress=0,
              weight=1, priority=2, focus=THG, tags="Abfall, Biogas",
              reports=[
                  r("2024-11-26", A, PLANNED, 0,
                    "Der Kreis prüft eine gemeinsame Vergärungsanlage; das Ergebnis wird 2027 "
                    "erwartet."),
                  r("2025-01-14", T, PLANNED, 0,
                    "Wir bitten, die Stadt aktiv in die Planung des Kreises einzubringen."),
              ]),
            m("A 1.3", "Elektrische Müllfahrzeuge im Entsorgungsbetrieb",
              "Zwei E-Müllfahrzeuge als Einstieg in eine elektrische Flotte.",
              "Der Entsorgungsbetrieb ersetzt Dieselfahrzeuge am Ende ihrer Nutzungsdauer durch "
              "elektrische.",
              dept="umweltamt", planned=("2025-01", "2027-12"), actual=("2025-03-04", None),
              status=PREPARATION, progress=20, weight=1, cost=1_100_000, priority=1,
              focus=VORBILD, tags="Abfall, Elektromobilität",
              reports=[
                  r("2025-03-04", A, PREPARATION, 10,
                    "Markterkundung abgeschlossen; zwei E-Müllfahrzeuge sollen 2027 beschafft "
                    "werden."),
                  r("2026-04-28", A, PREPARATION, 20,
                    "Ausschreibung vorbereitet; die Ladeinfrastruktur im Betriebshof ist in "
                    "Planung."),
              ]),
            m("A 1.4", "Repair-Café und Reparaturbonus",
              "Reparieren statt wegwerfen – mit Zuschuss der Stadt.",
              "Die Stadt unterstützt das Repair-Café mit Räumen und zahlt einen Bonus von 50 "
              "Prozent auf Reparaturen in Fachbetrieben, bis 100 Euro.",
              dept="umweltamt", planned=("2023-03", "2024-03"),
              actual=("2023-05-16", "2024-02-13"), status=COMPLETED, progress=100, weight=1,
              cost=40_000, priority=1, focus="Akzeptanzförderung", source="workshop",
              tags="Abfall, Reparatur, Mitmachen",
              reports=[
                  r("2023-05-16", T, IN_PROGRESS, 40,
                    "Das Repair-Café hat neue Räume im Stadtteilzentrum bezogen; die Stadt zahlt "
                    "die Miete."),
                  r("2024-02-13", A, COMPLETED, 100,
                    "Der Reparaturbonus ist eingeführt (50 Prozent bis 100 Euro). Das "
                    "Repair-Café meldet für 2023 über 300 Reparaturen.",
                    CITY + "presse/2024/reparaturbonus"),
              ]),
            m("A 1.5", "Mehrweg bei städtischen Veranstaltungen",
              "Kein Einweggeschirr mehr auf Stadtfesten und Märkten.",
              "Bei Veranstaltungen auf städtischen Flächen wird Mehrweggeschirr zur Pflicht; "
              "die Stadt stellt ein Spülmobil.",
              dept="ordnungsamt", planned=("2023-01", "2024-12"), status=UNKNOWN, weight=1,
              priority=1, focus="Einfache Umsetzung", tags="Abfall, Mehrweg"),
        ])),
    # ---------------------------------------------------------------- Governance
    (GOVERNANCE, m(
        "K 1", "Klimaschutzmanagement und Governance",
        "Wer steuert, wer prüft, wer beteiligt wird.",
        "Klimaschutz braucht feste Zuständigkeiten, eine Prüfung aller Beschlüsse und eine "
        "Stadtgesellschaft, die mitredet.",
        dept="klima", pos="ksm", planned=("2022-04", "2030-12"), weight=2, priority=3,
        focus="Einfache Umsetzung", tags="Governance",
        children=[
            m("K 1.1", "Klimaschutzmanagement verstetigen",
              "Die Stelle im Klimaschutzmanagement wird unbefristet.",
              "Nach der geförderten Phase über die Kommunalrichtlinie wird das "
              "Klimaschutzmanagement dauerhaft im Stellenplan verankert.",
              dept="klima", pos="ksm", planned=("2022-04", "2024-12"),
              actual=("2022-04-05", "2024-04-30"), status=COMPLETED, progress=100, weight=2,
              cost=270_000, funding=189_000, programme="Kommunalrichtlinie", priority=3,
              focus="Einfache Umsetzung", tags="Governance, Personal", model="39",
              reports=[
                  r("2022-04-05", A, IN_PROGRESS, 50,
                    "Die Förderung des Klimaschutzmanagements ist bis 2024 verlängert."),
                  r("2024-04-30", A, COMPLETED, 100,
                    "Das Anschlussvorhaben ist bewilligt; die Stelle wird ab 2025 unbefristet im "
                    "Stellenplan geführt.", RIS + "2024-097"),
                  r("2024-05-14", T, COMPLETED, 100,
                    "Bestätigt. Eine Stelle reicht für 65.000 Einwohner:innen aber nicht aus."),
              ]),
            m("K 1.2", "Klimarelevanzprüfung für alle Magistratsvorlagen",
              "Jede Vorlage sagt, was sie für das Klima bedeutet.",
              "Jede Magistratsvorlage enthält eine Klimaschutz-Ampel; bei Rot muss die "
              "Verwaltung Alternativen darstellen.",
              dept="klima", pos="ksm", planned=("2022-09", "2025-12"),
              actual=("2022-09-20", None), status=IN_PROGRESS, progress=70, weight=1,
              priority=2, focus="Akzeptanzförderung", source="council",
              tags="Governance, Beschlüsse",
              reports=[
                  r("2022-09-20", A, PREPARATION, 20,
                    "Die Stadtverordnetenversammlung hat die Klimarelevanzprüfung beschlossen.",
                    RIS + "2022-233"),
                  r("2023-05-02", A, IN_PROGRESS, 50,
                    "Seit April enthält jede Magistratsvorlage eine Klimaschutz-Ampel."),
                  r("2024-05-28", T, IN_PROGRESS, 50,
                    "Die Ampel steht oft auf „nicht relevant“, auch bei Bauprojekten. Es "
                    "braucht Schulungen.", agreed=False),
                  r("2025-06-03", A, IN_PROGRESS, 70,
                    "Alle Sachbearbeitenden sind geschult; die Stabsstelle prüft Stichproben."),
                  r("2026-01-13", T, IN_PROGRESS, 70,
                    "Seit den Schulungen deutlich besser ausgefüllt."),
              ]),
            m("K 1.3", "Runder Tisch Klima",
              "Stadtgesellschaft, Wirtschaft und Verwaltung beraten gemeinsam.",
              "Der Runde Tisch Klima tagt viermal im Jahr. Seine Empfehlungen werden im "
              "Ausschuss für Umwelt, Klima und Mobilität beraten.",
              dept="klima", pos="ksm", planned=("2022-06", "2023-03"),
              actual=("2022-05-24", "2023-03-14"), status=COMPLETED, progress=100, weight=1,
              cost=15_000, priority=2, focus="Benefits für die Allgemeinheit", source="team",
              tags="Governance, Beteiligung",
              reports=[
                  r("2022-05-24", T, PLANNED, 0,
                    "Vorschlag des Lokalteams: ein Runder Tisch mit Vertreter:innen aus "
                    "Stadtgesellschaft, Wirtschaft und Verwaltung."),
                  r("2022-12-06", A, IN_PROGRESS, 60,
                    "Geschäftsordnung beschlossen; die Lokale Agenda 21 richtet den Runden "
                    "Tisch aus."),
                  r("2023-03-14", A, COMPLETED, 100,
                    "Erste Sitzung mit 28 Mitgliedern. Der Runde Tisch tagt viermal im Jahr.",
                    CITY + "klimaschutz/runder-tisch"),
                  r("2023-03-28", T, COMPLETED, 100,
                    "Bestätigt. Wichtig ist, dass die Empfehlungen im Ausschuss beraten "
                    "werden."),
              ]),
            m("K 1.4", "Jährlicher Monitoringbericht",
              "Verwaltung und Lokalteam bewerten den Stand gemeinsam.",
              "Jedes Jahr erscheint ein Bericht über alle Maßnahmen, mit dem Sachstand der "
              "Verwaltung und der Einschätzung des Lokalteams.",
              dept="klima", pos="ksm", planned=("2023-01", "2030-12"),
              actual=("2023-06-20", None), status=IN_PROGRESS, progress=60, weight=1,
              priority=2, focus="Akzeptanzförderung", tags="Governance, Monitoring",
              reports=[
                  r("2023-06-20", A, IN_PROGRESS, 20,
                    "Der erste Monitoringbericht (für 2022) ist veröffentlicht.",
                    CITY + "klimaschutz/monitoring-2022"),
                  r("2024-06-18", A, IN_PROGRESS, 40,
                    "Monitoringbericht 2023 mit gemeinsamer Statusbewertung von Verwaltung und "
                    "Lokalteam."),
                  r("2025-06-24", T, IN_PROGRESS, 50,
                    "Die gemeinsame Bewertung funktioniert. Der Bericht erscheint aber erst im "
                    "Juni – zu spät für die Haushaltsberatungen."),
                  r("2026-06-16", A, IN_PROGRESS, 60,
                    "Der Monitoringbericht 2025 ist erstmals online auf Gemeinsam und lag "
                    "bereits im April vor.", CITY + "klimaschutz/monitoring-2025"),
              ]),
            m("K 1.5", "Fortschreibung des Klimaschutzkonzepts mit CO₂-Restbudget",
              "Das Konzept wird 2027 überprüft und nachgeschärft.",
              "Die Fortschreibung prüft Zieljahr, Restbudget, Kosten und Zuständigkeiten und "
              "ergänzt Maßnahmen, wo der Pfad nicht reicht.",
              dept="klima", pos="ksm", planned=("2027-01", "2027-12"), status=PLANNED,
              progress=0, weight=1, cost=120_000, funding=72_000,
              programme="Kommunalrichtlinie", priority=2, focus="Einfache Umsetzung",
              tags="Governance, Konzept",
              reports=[
                  r("2026-02-24", A, PLANNED, 0,
                    "Die Fortschreibung ist für 2027 geplant; der Förderantrag über die "
                    "Kommunalrichtlinie wird vorbereitet."),
                  r("2026-03-10", T, PLANNED, 0,
                    "Grundlage der Fortschreibung sollte ein Restbudget nach dem Pariser "
                    "Abkommen sein.", agreed=False),
              ]),
            m("K 1.6", "Nachhaltige Beschaffung",
              "Klimakriterien für alles, was die Stadt einkauft.",
              "Eine Dienstanweisung legt Kriterien für Papier, IT, Fahrzeuge, Möbel und "
              "Catering fest.",
              dept="hauptamt", planned=("2024-06", "2025-12"), actual=("2024-10-08", None),
              status=PREPARATION, progress=25, weight=1, priority=1,
              focus="Einfache Umsetzung", tags="Governance, Beschaffung",
              reports=[
                  r("2024-10-08", A, PREPARATION, 15,
                    "Die Dienstanweisung zur nachhaltigen Beschaffung liegt im Entwurf vor."),
                  r("2025-12-16", A, PREPARATION, 25,
                    "Die Abstimmung mit der Kämmerei über Mehrkosten dauert an."),
              ]),
            m("K 1.7", "Energiesparmodell „Fifty-fifty“ an Schulen",
              "Schulen behalten die Hälfte der eingesparten Energiekosten.",
              "Schüler:innen und Hausmeister:innen sparen gemeinsam Energie; die Hälfte der "
              "Einsparung steht der Schule zur freien Verfügung.",
              dept="schulamt", planned=("2023-08", "2027-07"), actual=("2023-09-05", None),
              status=IN_PROGRESS, progress=40, weight=1, cost=20_000, priority=1,
              focus="Akzeptanzförderung", tags="Schulen, Bildung, Energiesparen",
              reports=[
                  r("2023-09-05", A, IN_PROGRESS, 20,
                    "Drei Schulen nehmen am Fifty-fifty-Modell teil."),
                  r("2025-09-30", T, IN_PROGRESS, 40,
                    "Inzwischen sind es sieben Schulen. Die Gesamtschule möchte mitmachen und "
                    "wartet auf die Zählerauslesung."),
              ]),
        ])),
    # ---------------------------------------------------------------- Finanzierung
    (FINANZIERUNG, m(
        "F 1", "Finanzierung des Klimaschutzes",
        "Fördermittel einwerben, Rücklagen umschichten, Bürger:innen beteiligen.",
        "Der Klimaschutz kostet bis 2035 nach Schätzung der Kämmerei rund 480 Mio. Euro, "
        "überwiegend Investitionen. Fördermittel, die Stadtwerke und privates Kapital müssen "
        "den städtischen Haushalt entlasten.",
        dept="kaemmerei", pos="kaemmerei", planned=("2022-09", "2030-12"), weight=1,
        priority=2, focus="Wirtschaftlichkeit", tags="Finanzierung",
        children=[
            m("F 1.1", "Fördermittelmanagement",
              "Eine Stelle, die gezielt Fördermittel für den Klimaschutz einwirbt.",
              "Die Fördermittelmanagerin beobachtet die Förderprogramme von EU, Bund und Land "
              "und unterstützt die Fachämter bei Anträgen.",
              dept="kaemmerei", pos="kaemmerei", planned=("2023-01", "2023-12"),
              actual=("2023-01-31", "2024-01-23"), status=COMPLETED, progress=100, weight=2,
              cost=85_000, priority=2, focus="Wirtschaftlichkeit",
              tags="Finanzierung, Fördermittel",
              reports=[
                  r("2023-01-31", A, PREPARATION, 30,
                    "Stelle für das Fördermittelmanagement in der Kämmerei ausgeschrieben."),
                  r("2024-01-23", A, COMPLETED, 100,
                    "Die Fördermittelmanagerin ist seit Oktober 2023 im Dienst; 2023 wurden 6,8 "
                    "Mio. Euro Fördermittel für den Klimaschutz eingeworben."),
                  r("2024-02-06", T, COMPLETED, 100,
                    "Bestätigt. Wir wünschen uns eine jährliche Übersicht über beantragte und "
                    "bewilligte Mittel."),
              ]),
            m("F 1.2", "Klimaschutzfonds",
              "500.000 Euro im Jahr für Projekte aus der Stadtgesellschaft.",
              "Der Fonds wird aus der Konzessionsabgabe und Gewinnen der Stadtwerke gespeist "
              "und fördert Klimaschutzprojekte von Vereinen, Schulen und Initiativen.",
              dept="kaemmerei", pos="kaemmerei", planned=("2024-03", "2025-06"),
              actual=("2024-02-20", None), status=DELAYED, progress=10, weight=1,
              cost=500_000, programme="Konzessionsabgabe und Gewinne der Stadtwerke",
              priority=2, focus="Multiplikatoreffekt", source="council",
              tags="Finanzierung, Mitmachen",
              reports=[
                  r("2024-02-20", A, PLANNED, 0,
                    "Die Stadtverordnetenversammlung hat einen Klimaschutzfonds mit 500.000 "
                    "Euro im Jahr beschlossen.", RIS + "2024-034"),
                  r("2025-02-25", A, DELAYED, 10,
                    "Wegen der Haushaltssperre kann der Fonds 2025 nicht ausgestattet werden."),
                  r("2025-11-11", T, DELAYED, 10,
                    "Der Fonds war ein Versprechen an die Stadtgesellschaft. Wir schlagen vor, "
                    "ihn zunächst mit Mitteln der Stadtwerke und Spenden zu starten.",
                    agreed=False),
              ],
              blockers=[
                  b("Haushaltssperre: Ohne genehmigten Haushalt darf der Fonds nicht "
                    "ausgestattet werden.", "2025-02-25",
                    helpers=["Stadtwerke Rüsselsheim GmbH", "Dr. Matthias Engelhardt",
                             "Jörg Weinand"],
                    positions=["kaemmerei", "ob"],
                    help_wanted="Sie möchten den Klimaschutzfonds mit einer Spende oder "
                                "Stiftungsmitteln anschieben? Sprechen Sie das Lokalteam an."),
              ]),
            m("F 1.3", "Divestment der städtischen Rücklagen",
              "Keine städtischen Gelder mehr in Kohle, Öl und Gas.",
              "Die Anlagerichtlinie der Stadt schließt Unternehmen aus, die Umsatz mit "
              "fossilen Energien machen.",
              dept="kaemmerei", pos="kaemmerei", planned=("2022-10", "2023-06"),
              actual=("2022-10-11", "2023-03-21"), status=COMPLETED, progress=100, weight=1,
              priority=2, focus="Wirtschaftlichkeit", source="council",
              tags="Finanzierung, Divestment",
              reports=[
                  r("2022-10-11", T, PLANNED, 0,
                    "Die Fraktionen SoRü und GLR beantragen das Divestment; das Lokalteam "
                    "unterstützt den Antrag.", RIS + "2022-268"),
                  r("2023-03-21", A, COMPLETED, 100,
                    "Anlagerichtlinie geändert: keine Anlagen mehr in Unternehmen mit Umsatz aus "
                    "fossilen Energien.", RIS + "2023-071"),
                  r("2023-04-04", T, COMPLETED, 100,
                    "Bestätigt; auch die Versorgungsrücklage ist umgeschichtet."),
              ]),
            m("F 1.4", "Klimasparbrief mit der örtlichen Sparkasse",
              "Sparen für Solardächer und Sanierungskredite vor Ort.",
              "Die Einlagen eines Klimasparbriefs finanzieren Bürgersolaranlagen und "
              "zinsgünstige Sanierungskredite in Rüsselsheim.",
              dept="kaemmerei", planned=("2023-09", "2024-06"),
              actual=("2023-10-31", "2024-06-04"), status=COMPLETED, progress=100, weight=1,
              priority=1, focus="Multiplikatoreffekt", source="workshop",
              tags="Finanzierung, Bürgerbeteiligung",
              reports=[
                  r("2023-10-31", A, IN_PROGRESS, 40,
                    "Die Sparkasse bietet einen Klimasparbrief an; die Einlagen finanzieren "
                    "Bürgersolaranlagen und Sanierungskredite."),
                  r("2024-06-04", A, COMPLETED, 100,
                    "Der Klimasparbrief ist mit 4,2 Mio. Euro ausgeschöpft.",
                    ECHO + "2024/klimasparbrief"),
              ]),
        ])),
]

# GermanZero model measures the team proposes to add (drafts, via model_measure_adopt).
ADOPTED_MODEL_MEASURES = ["31", "38"]

# name, unit, source, measure code, base year and value, target in 2035, values 2019–2026
INDICATORS = [
    ("Installierte Photovoltaik-Leistung im Stadtgebiet", "kW",
     "Marktstammdatenregister der Bundesnetzagentur, Auswertung der Stabsstelle Klimaschutz",
     "E 1", 2019, 14_800, 120_000,
     [14_800, 16_900, 19_700, 24_300, 31_800, 39_600, 47_200, 53_900]),
    ("Länge des Radnetzes", "km",
     "Tiefbau- und Verkehrsamt (Radwege, Radfahrstreifen und Fahrradstraßen)",
     "V 1.1", 2019, 58, 124, [58, 59, 60.5, 62, 66.5, 71, 76.8, 80.9]),
    ("Treibhausgasemissionen gesamt", "t CO2e",
     "THG-Bilanz nach BISKO-Standard; 2025 und 2026 Hochrechnung", None, 2019, 531_000,
     53_000, [531_000, 487_000, 506_000, 478_000, 455_000, 437_000, 421_000, 409_000]),
    ("Anteil Ökostrom am Stromabsatz der Stadtwerke", "%",
     "Stromkennzeichnung der Stadtwerke Rüsselsheim; 2026 Prognose", "E 1.4", 2019, 31, 100,
     [31, 34, 38, 45, 56, 68, 79, 86]),
    ("Energetisch sanierte städtische Gebäude", "Gebäude",
     "Energiebericht Hochbau und Gebäudemanagement (kumuliert)", "G 1.1", 2019, 0, 48,
     [0, 1, 2, 4, 7, 9, 12, 14]),
    ("Öffentliche Ladepunkte", "Ladepunkte", "Ladesäulenregister der Bundesnetzagentur",
     "V 1.5", 2019, 22, 600, [22, 31, 48, 74, 118, 165, 214, 251]),
]


def _date(text, end=False):
    """"2024-05-17" as a date; "2024-05" is the first of the month, or with `end` its last."""
    if text is None:
        return None
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    first = datetime.date(parts[0], parts[1], 1)
    if not end:
        return first
    return (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1)


class _Loader:
    def __init__(self, municipality, team, administration):
        self.municipality = municipality
        self.team = list(team)
        self.administration = list(administration)
        self.departments = {d.name: d for d in municipality.departments.all()}
        self.positions = {p.title: p for p in municipality.positions.all()}
        self.actors = {a.name: a for a in Actor.objects.filter(municipality=municipality)}
        self.measures = {}
        self.turn = 0

    def people(self, voice):
        """Who writes for `voice` and who of the other side agrees, taking turns."""
        self.turn += 1
        writers, others = ((self.administration, self.team) if voice == A
                           else (self.team, self.administration))
        if not writers:  # nobody on that side: someone of the other side writes it down
            writers, others = others, []
        writer = writers[self.turn % len(writers)]
        other = others[self.turn % len(others)] if others else None
        return writer, other

    def measure(self, plan, field, spec, parent=None):
        reports = spec["reports"]
        latest = {voice: next((r["text"] for r in reversed(reports) if r["voice"] == voice), "")
                  for voice in (A, T)}
        # Reports set status and progress as they come in; start where the first one starts.
        status, progress = ((reports[0]["status"], reports[0]["progress"]) if reports
                            else (spec["status"], spec["progress"]))
        funding = spec["funding"]
        measure = services.measure_create(
            plan=plan, code=spec["code"], title=spec["title"], parent=parent, field=field,
            teaser=spec["teaser"], description=spec["description"],
            department=self.departments.get(DEPARTMENTS.get(spec["dept"])),
            position=self.positions.get(POSITIONS.get(spec["pos"])),
            planned_start=_date(spec["planned"][0]),
            planned_end=_date(spec["planned"][1], end=True),
            actual_start=_date(spec["actual"][0]), actual_end=_date(spec["actual"][1]),
            status=status, progress=progress, weight=spec["weight"], cost=spec["cost"],
            funding_amount=funding, funding_programme=spec["programme"],
            priority=spec["priority"], focus_criteria=spec["focus"], source=spec["source"],
            tags=spec["tags"], model_measure=spec["model"],
            administration_statement=latest[A], team_assessment=latest[T],
            published=spec["published"],
        )
        self.measures[spec["code"]] = measure
        for report in reports:
            self.report(measure, report)
        for blocker in spec["blockers"]:
            self.blocker(measure, blocker)
        for child in spec["children"]:
            self.measure(plan, field, child, parent=measure)
        return measure

    def report(self, measure, spec):
        author, other = self.people(spec["voice"])
        reported_on = _date(spec["date"])
        report = services.report_create(
            measure=measure, voice=spec["voice"], author=author, reported_on=reported_on,
            status=spec["status"], progress=spec["progress"], text=spec["text"],
            evidence="\n".join(spec["links"]),
        )
        if spec["agreed"] and other is not None:
            services.report_agree(report=report, user=other)
        # Backdate, so that the history reads as written and agreed over the years.
        written = datetime.datetime.combine(reported_on, datetime.time(10),
                                            tzinfo=datetime.UTC)
        changes = {"created_at": written}
        if spec["agreed"] and other is not None:
            changes["agreed_at"] = min(written + datetime.timedelta(days=3 + self.turn % 12),
                                       timezone.now())
        ProgressReport.objects.filter(pk=report.pk).update(**changes)

    def blocker(self, measure, spec):
        creator, _other = self.people(spec["by"])
        blocker = services.blocker_create(
            measure=measure, description=spec["description"], since=_date(spec["since"]),
            created_by=creator,
            helpers=[self.actors[name] for name in spec["helpers"] if name in self.actors],
            helper_positions=[self.positions[POSITIONS[key]] for key in spec["positions"]
                              if POSITIONS[key] in self.positions],
            help_wanted=spec["help_wanted"],
        )
        if spec["resolved"]:
            services.blocker_resolve(blocker=blocker, on=_date(spec["resolved"]))


def load_monitoring_demo(municipality, team, administration):
    """Give `municipality` (Rüsselsheim am Main) a fictional Klimaaktionsplan with history.

    `team` lists team members, a coordinator first; `administration` lists members of the
    administration. Does nothing if the municipality already has an action plan.
    """
    if ActionPlan.objects.filter(municipality=municipality).exists():
        return None
    loader = _Loader(municipality, team, administration)
    with transaction.atomic():
        plan = services.plan_create(
            municipality=municipality, title="Klimaschutzkonzept Rüsselsheim am Main 2035",
            adopted_on=datetime.date(2022, 3, 24), target_year=2035,
            source_url=RIS + "2022-061", introduction=PLAN_INTRODUCTION,
        )
        fields = {field.name: field for field in plan.fields.all()}
        for field_name, spec in FIELDS:
            loader.measure(plan, fields.get(field_name), spec)
        for code in ADOPTED_MODEL_MEASURES:
            services.model_measure_adopt(plan=plan, code=code)
        for (name, unit, source, code, base_year, base_value, target, values) in INDICATORS:
            indicator = services.indicator_create(
                plan=plan, name=name, unit=unit, source=source,
                measure=loader.measures.get(code), baseline_year=base_year,
                baseline_value=base_value, target_value=target,
            )
            for year, value in enumerate(values, start=2019):
                services.indicator_value_set(indicator=indicator, year=year, value=value)
    return plan
