"""Demo content for the alliance of Rüsselsheim am Main.

Every person and most organisations here are invented; e-mail addresses use example.org and
example.com, telephone numbers the 555 range. Everything is written through the services so
that the same validation runs as in the app. Dates are relative to today, so the demo always
has overdue, current and later next steps.
"""

import datetime
import unicodedata

from django.db import transaction
from django.utils import timezone, translation

from . import services
from .models import (
    DEFAULT_SECTORS,
    Actor,
    ActorKind,
    Channel,
    DepartmentKind,
    LegalBasis,
    OrganisationKind,
    Rating,
    RelationKind,
    Stage,
)

# Indexes into DEFAULT_SECTORS.
(ADMINISTRATION, COUNCIL, BUSINESS, UTILITIES, HOUSING, WASTE_WATER, EDUCATION, INITIATIVES,
 CHURCHES, CITIZENS) = range(10)

CONSENT_WORDING = (
    "Ich bin einverstanden, dass das Klimabündnis RüsselsheimZero meinen Namen, meine Funktion "
    "und meine Kontaktdaten speichert, um mich zur Zusammenarbeit im Klimaschutz anzusprechen. "
    "Ich kann diese Einwilligung jederzeit per E-Mail an koordination@example.org widerrufen."
)

LI = LegalBasis.LEGITIMATE_INTEREST
CONSENT = LegalBasis.CONSENT
S = Stage
K = OrganisationKind
C = Channel


def _org(key, name, sector, kind, stage, owner=0, step="", due=None, ratings=(), ally="",
         shared=False, notes="", website=""):
    return dict(key=key, name=name, sector=sector, kind=kind, stage=stage, owner=owner,
                step=step, due=due, ratings=ratings, ally=ally, shared=shared, notes=notes,
                website=website)


def _person(key, name, org, function, basis, stage, owner=0, step="", due=None, ratings=(),
            shared=False, notes="", channel=C.EMAIL, sector=None, email="", languages="Deutsch"):
    return dict(key=key, name=name, org=org, function=function, basis=basis, stage=stage,
                owner=owner, step=step, due=due, ratings=ratings, shared=shared, notes=notes,
                channel=channel, sector=sector, email=email, languages=languages)


# People without a public office who agreed to be named in public minutes as well.
NAMED_IN_PUBLIC = {"voss", "ohlendorf", "brandes", "sauer"}

# A rating is (power, interest, attitude, reason) or, with a date, (days ago, power, interest,
# attitude, reason). A due date is a number of days from today (negative: overdue) or "wN":
# N days from today but within this week.

ORGANISATIONS = [
    # Administration
    _org("stadtverwaltung", "Stadtverwaltung Rüsselsheim am Main", ADMINISTRATION,
         K.ADMINISTRATION, S.COMMITTED, 0,
         "Gemeinsame Sitzung zum Entwurf des Klimaaktionsplans vorbereiten", "w2",
         [(5, 4, 1, "Die Verwaltung arbeitet über die Stabsstelle Klimaschutz verbindlich mit "
                    "dem Bündnis zusammen.")],
         shared=True, website="https://www.example.org/ruesselsheim",
         notes="Erste Anlaufstelle ist die Stabsstelle Klimaschutz; die Fachämter werden über "
               "sie eingebunden."),
    _org("kreis", "Kreisverwaltung Groß-Gerau, Fachdienst Klimaschutz", ADMINISTRATION,
         K.ADMINISTRATION, S.PAUSED, 3,
         "Nach Veröffentlichung der neuen Förderrichtlinie wieder melden", 45,
         [(3, 2, 1, "Fördert Kommunen im Kreis, hat aber wenig Einfluss auf städtische "
                    "Entscheidungen.")],
         shared=True,
         notes="Kontakt ruht, bis der Kreis seine Förderrichtlinie für Klimaschutz neu "
               "aufgelegt hat."),
    # City council
    _org("svv", "Stadtverordnetenversammlung Rüsselsheim am Main", COUNCIL, K.ADMINISTRATION,
         S.RESEARCHED, 3,
         "Sitzungskalender auswerten: Wann steht der Klimaaktionsplan auf der Tagesordnung?", -4,
         [(5, 3, 0, "Entscheidet über Haushalt und Klimaaktionsplan; Mehrheit für "
                    "Klimaschutz knapp.")],
         shared=True),
    _org("bbr", "Fraktion Bürgerbündnis Rüsselsheim (BBR)", COUNCIL, K.COUNCIL_GROUP,
         S.DECLINED, 3, "Sachliche Einladung zur Fachveranstaltung Wärmeplanung schicken", 30,
         [(200, 4, 2, -1, "Skeptisch gegenüber allem, was nach Auflagen für Eigentümer "
                          "aussieht."),
          (20, 4, 2, -2, "Hat im Bauausschuss gegen das Parkraumkonzept gestimmt und lehnt "
                         "die Unterzeichnung des Klimapakts öffentlich ab.")]),
    _org("soru", "Fraktion Soziales Rüsselsheim (SoRü)", COUNCIL, K.COUNCIL_GROUP,
         S.COMMITTED, 0,
         step="Zahlen zum Sozialtarif aus anderen Städten liefern",
         ratings=[(4, 3, 1, "Stärkste Fraktion; unterstützt Klimaschutz, wenn er sozial "
                            "abgefedert wird.")]),
    _org("glr", "Fraktion Grüne Liste Rüsselsheim (GLR)", COUNCIL, K.COUNCIL_GROUP,
         S.ACTIVE_ALLY, 0,
         step="Anfrage zum Stand der Wärmeplanung gemeinsam formulieren",
         ratings=[(3, 5, 2, "Treibt das Thema im Parlament voran, ist aber nur kleiner "
                            "Koalitionspartner.")]),
    _org("fwm", "Fraktion Freie Wähler Mainspitze (FWM)", COUNCIL, K.COUNCIL_GROUP,
         S.PAUSED, 3,
         ratings=[(3, 2, -1, "Zünglein an der Waage bei knappen Abstimmungen; Klimaschutz "
                             "kein Schwerpunkt.")],
         notes="Kontakt ruht, bis die Fraktion ihren Vorstand neu gewählt hat."),
    _org("lm", "Fraktion Liberale Mitte (LM)", COUNCIL, K.COUNCIL_GROUP, S.FIRST_CONTACT, 2,
         "Kennenlerngespräch mit der neuen Fraktionsvorsitzenden vereinbaren", "w3",
         [(300, 3, 1, -1, "Lehnt Vorgaben ab, setzt auf Marktlösungen."),
          (15, 3, 3, 0, "Die neue Fraktionsvorsitzende zeigt Interesse an Photovoltaik auf "
                        "Gewerbedächern.")]),
    # Industry and business
    _org("mainauto", "Mainauto Komponenten GmbH", BUSINESS, K.COMPANY, S.FIRST_CONTACT, 3,
         "Termin mit der Werkleitung zur Abwärmenutzung anfragen", -6,
         [(4, 2, 0, "Großer Arbeitgeber und Energieverbraucher; Klimaschutz bisher nur über "
                    "Konzernvorgaben.")],
         shared=True,
         notes="Zulieferer der Automobilindustrie mit rund 900 Beschäftigten am Standort; "
               "großes Potenzial bei Abwärme und Dachflächen."),
    _org("kunststoff", "Rheinmain Kunststofftechnik AG", BUSINESS, K.COMPANY, S.DECLINED, 3,
         "In einem Jahr erneut anfragen", 300,
         [(3, 1, -1, "Sieht keinen Anlass zur Zusammenarbeit und verweist auf "
                     "Konzernvorgaben.")]),
    _org("gewerbe", "Gewerbeverein Rüsselsheim e. V.", BUSINESS, K.ASSOCIATION,
         S.CONVERSATION_HELD, 1, "Aktion „Mit dem Rad in die Innenstadt“ gemeinsam planen",
         ratings=[(150, 3, 3, -2, "Hat gegen jeden Wegfall von Parkplätzen in der Innenstadt "
                                  "mobilisiert."),
                  (10, 3, 4, -1, "Nach dem Gespräch offener: Lieferzonen und Radabstellanlagen "
                                 "vor den Geschäften sind verhandelbar.")]),
    _org("bioladen", "Bioladen Grünkern", BUSINESS, K.COMPANY, S.ACTIVE_ALLY, 2,
         ratings=[(1, 4, 2, "Kleiner Laden, aber gut vernetzt in der Innenstadt.")],
         ally="Bioladen in der Innenstadt; Sammelstelle für Mehrwegbehälter und Infopunkt "
              "während der Rüsselsheimer Klimawochen."),
    _org("fahrradhaus", "Fahrradhaus Mainspitze", BUSINESS, K.COMPANY, S.CONVERSATION_HELD, 1,
         "Angebot für Lastenrad-Verleih an Kitas einholen", 12,
         [(1, 3, 1, "Würde vom Radverkehr profitieren; bietet Lastenrad-Verleih an.")]),
    # Utilities
    _org("stadtwerke", "Stadtwerke Rüsselsheim GmbH", UTILITIES, K.UTILITY, S.ACTIVE_ALLY, 0,
         "Pressemitteilung zum Start der Solaroffensive abstimmen",
         ratings=[(400, 4, 3, 0, "Abwartend; sieht Klimaschutz vor allem als Kostenfrage."),
                  (60, 4, 4, 1, "Die Geschäftsführung trägt die Wärmeplanung mit, die "
                                "Solaroffensive ist gemeinsam geplant.")],
         shared=True, website="https://stadtwerke.example.org",
         ally="Die Stadtwerke bauen gemeinsam mit dem Bündnis Photovoltaik auf städtischen "
              "Dächern aus und arbeiten an der kommunalen Wärmeplanung mit."),
    _org("buergerenergie", "Bürgerenergie Mainspitze eG", UTILITIES, K.OTHER, S.COMMITTED, 2,
         step="Bewerbung für die beiden Schuldächer unterstützen",
         ratings=[(2, 4, 2, "Engagierte Genossenschaft mit rund 300 Mitgliedern.")],
         ally="Genossenschaft, über die sich Bürger:innen an Solaranlagen auf Rüsselsheimer "
              "Dächern beteiligen können."),
    # Housing
    _org("wbg", "Städtische Wohnungsbaugesellschaft Rüsselsheim mbH", HOUSING, K.HOUSING,
         S.FIRST_CONTACT, 0, "Gesprächstermin mit der Geschäftsführung bestätigen", "w1",
         [(4, 3, 0, "Größter Vermieter der Stadt; Sanierungsfahrplan noch offen.")],
         shared=True,
         notes="Rund 6.500 Wohnungen, davon viele aus den 1960er- und 1970er-Jahren – der "
               "wichtigste Hebel für klimafreundliche Wärme im Bestand."),
    _org("genossenschaft", "Wohnungsgenossenschaft Am Ostpark eG", HOUSING, K.HOUSING,
         S.RESEARCHED, 1, "Geschäftsbericht auf Sanierungspläne durchsehen", 9,
         [(2, 2, 0, "Kleiner Bestand, kaum öffentlich sichtbar.")]),
    _org("hausgrund", "Haus- und Grundbesitzerverein Rüsselsheim e. V.", HOUSING,
         K.ASSOCIATION, S.DECLINED, 3,
         step="Faktenblatt zur Wärmeplanung der Verbraucherberatung zuschicken",
         ratings=[(250, 3, 3, -1, "Kritisch gegenüber dem Gebäudeenergiegesetz."),
                  (30, 3, 4, -2, "Warnt im Mitgliederbrief vor einem „Heizungszwang“ durch "
                                 "die Wärmeplanung.")]),
    # Waste and water
    _org("abwasser", "Abwasserverband Mainspitze", WASTE_WATER, K.ADMINISTRATION,
         S.RESEARCHED, 2, "Energiebericht des Verbands besorgen", "w2",
         [(3, 2, 0, "Technisch kompetent, wird aber selten nach Klimaschutz gefragt.")],
         shared=True,
         notes="Betreibt ein Blockheizkraftwerk mit Klärgas; Abwasserwärme könnte ein "
               "Wärmenetz speisen."),
    _org("entsorgung", "Entsorgungsbetrieb Rüsselsheim", WASTE_WATER, K.UTILITY,
         S.RESEARCHED, 2, "Fragen zur Vergärung von Bioabfall sammeln", 14,
         [(3, 2, 0, "Eigenbetrieb der Stadt mit eigener Fahrzeugflotte.")]),
    # Education and science
    _org("hochschule", "Hochschule am Main, Campus Rüsselsheim", EDUCATION, K.EDUCATION,
         S.COMMITTED, 1,
         ratings=[(3, 4, 2, "Fachliche Autorität; Studierende als Ressource für Messungen und "
                            "Konzepte.")],
         shared=True,
         ally="Studierende der Energie- und Umwelttechnik begleiten die Wärmeplanung mit "
              "Abschlussarbeiten und vermessen städtische Gebäude."),
    _org("gesamtschule", "Gesamtschule Mainufer", EDUCATION, K.EDUCATION, S.CONVERSATION_HELD,
         2, step="Material zum Fifty-fifty-Modell schicken",
         ratings=[(2, 3, 1, "Schulleitung offen, Kollegium geteilter Meinung.")]),
    _org("grundschule", "Grundschule Sonnenwiese", EDUCATION, K.EDUCATION,
         S.CONVERSATION_HELD, 2,
         step="Schulstraße mit der Abteilung Mobilität besprechen",
         ratings=[(1, 2, 1, "Hauptthema ist der Verkehr vor der Schule.")],
         notes="Elterntaxis vor dem Schultor; eine Schulstraße wäre als Pilot denkbar."),
    _org("berufsschule", "Berufliche Schulen Mainspitze", EDUCATION, K.EDUCATION,
         S.IDENTIFIED, 1,
         "Ansprechperson für die Ausbildung im Sanitär-, Heizungs- und Elektrohandwerk "
         "herausfinden", 10,
         notes="Bildet die Fachkräfte für Wärmepumpen und Solaranlagen aus."),
    _org("vhs", "Volkshochschule Mainspitze", EDUCATION, K.EDUCATION, S.RESEARCHED, 2,
         "Programm des Herbstsemesters prüfen: Platz für Energiespar-Kurse?", -1,
         [(1, 2, 1, "Bietet Räume und Reichweite in der Erwachsenenbildung.")]),
    # Climate initiatives and associations
    _org("umweltverband", "Umweltverband Ortsgruppe Rüsselsheim e. V.", INITIATIVES,
         K.ASSOCIATION, S.ACTIVE_ALLY, 0, "Baumpflanzaktion im Herbst mit dem Umweltamt "
         "abstimmen", 21,
         [(2, 5, 2, "Verlässlicher Partner mit vielen Aktiven.")],
         ally="Ortsgruppe des Umweltverbands; betreut Streuobstwiesen und setzt sich für "
              "Stadtgrün und Entsiegelung ein."),
    _org("naturschutz", "Vogel- und Naturschutzgruppe Mainspitze e. V.", INITIATIVES,
         K.ASSOCIATION, S.ACTIVE_ALLY, 1,
         ratings=[(1, 3, 2, "Fachwissen zu Artenschutz bei Sanierungen.")],
         ally="Kartiert Brutplätze an städtischen Gebäuden und berät zu naturverträglicher "
              "Sanierung."),
    _org("fahrrad", "Fahrradinitiative Rüsselsheim e. V.", INITIATIVES, K.ASSOCIATION,
         S.ACTIVE_ALLY, 1,
         ratings=[(2, 5, 2, "Sehr aktiv, gute Kontakte in die Abteilung Mobilität.")],
         ally="Fahrradverein für sichere Radwege; organisiert die monatliche Radtour und den "
              "Fahrradklima-Check."),
    _org("schueler", "Schüler:innen fürs Klima Rüsselsheim", INITIATIVES, K.ASSOCIATION,
         S.ACTIVE_ALLY, 2,
         step="Aktion zur Sitzung mit dem Klimaaktionsplan vorbereiten",
         ratings=[(2, 5, 2, "Mobilisiert schnell viele Menschen und erreicht die "
                            "Lokalpresse.")],
         ally="Schüler:innen aus Rüsselsheimer Schulen, die mit Demonstrationen, Aktionen und "
              "Schulprojekten für Klimaschutz eintreten."),
    _org("agenda", "Lokale Agenda 21 Rüsselsheim", INITIATIVES, K.ASSOCIATION,
         S.ACTIVE_ALLY, 0, "Einladung zum nächsten Runden Tisch Klima verschicken", "w4",
         [(2, 4, 2, "Seit Jahrzehnten das Netzwerk der Engagierten in der Stadt.")],
         shared=True,
         ally="Seit den 1990er-Jahren das Netzwerk für nachhaltige Entwicklung in "
              "Rüsselsheim; richtet den Runden Tisch Klima aus."),
    _org("verbraucher", "Verbraucher- und Energieberatung Kreis Groß-Gerau", INITIATIVES,
         K.OTHER, S.COMMITTED, 2,
         step="Raum für die Sprechstunde im Rathaus anfragen",
         ratings=[(2, 4, 1, "Neutral und glaubwürdig; wichtig gegen Verunsicherung bei der "
                            "Wärmeplanung.")],
         shared=True,
         ally="Unabhängige Energieberatung für Mieter:innen und Eigentümer:innen mit "
              "Sprechstunden im Rathaus."),
    _org("sg", "SG Mainspitze 1911 e. V.", INITIATIVES, K.ASSOCIATION, S.FIRST_CONTACT, 3,
         "Rückruf des Vorsitzenden abwarten, sonst nachfassen", "w0",
         [(2, 2, 0, "Viele Mitglieder, Klimaschutz bisher kein Thema im Verein.")],
         notes="Größter Sportverein der Stadt mit rund 2.400 Mitgliedern; Flutlicht und "
               "Vereinsheim sind sanierungsbedürftig."),
    _org("repair", "Repair-Café Rüsselsheim", INITIATIVES, K.ASSOCIATION, S.ACTIVE_ALLY, 2,
         ratings=[(1, 4, 2, "Klein, aber mit großer Sympathie in der Stadt.")],
         ally="Ehrenamtliche reparieren jeden ersten Samstag im Monat Elektrogeräte, "
              "Fahrräder und Kleidung."),
    # Churches and social organisations
    _org("evkirche", "Evangelische Stadtkirchengemeinde Rüsselsheim", CHURCHES, K.CHURCH,
         S.COMMITTED, 0,
         step="Planungstreffen Solaranlage mit der Bürgerenergie ansetzen",
         ratings=[(2, 3, 1, "Kirchenvorstand hat den Beschluss zur Solaranlage gefasst.")],
         ally="Die Gemeinde stellt das Dach ihres Gemeindehauses für eine Bürger-Solaranlage "
              "zur Verfügung und lädt zu Gottesdiensten in der Schöpfungszeit ein."),
    _org("kathpfarrei", "Katholische Pfarrei St. Georg Rüsselsheim", CHURCHES, K.CHURCH,
         S.FIRST_CONTACT, 0, "Termin beim Verwaltungsrat der Pfarrei anfragen", 16,
         [(2, 2, 0, "Viele Gebäude, aber Entscheidungen fallen im Bistum.")]),
    _org("familienverein", "Interkultureller Familienverein Rüsselsheim e. V.", CHURCHES,
         K.ASSOCIATION, S.IDENTIFIED, 2,
         "Über die Verbraucherberatung einen ersten Kontakt herstellen", 25,
         notes="Erreicht Familien, bei denen Energieberatung bisher kaum ankommt."),
    # Citizens
    _org("nachbarschaft", "Nachbarschaftsinitiative Dicker Busch", CITIZENS, K.ASSOCIATION,
         S.CONVERSATION_HELD, 1,
         step="Zur Baumpflanzaktion einladen",
         ratings=[(1, 3, 1, "Aktive Nachbarschaft; Thema Hitze im Sommer.")]),
    _org("mieterbeirat", "Mieterbeirat Haßloch-Nord", CITIZENS, K.ASSOCIATION,
         S.FIRST_CONTACT, 2, "Auf der nächsten Mieterversammlung kurz vorstellen", 19,
         [(1, 3, 0, "Sorge vor Mieterhöhungen nach Sanierungen.")]),
]

PERSONS = [
    # Administration: holders of public office
    _person("ob", "Claudia Reinhardt-Sommer", "stadtverwaltung", "Oberbürgermeisterin", LI,
            S.CONVERSATION_HELD, 0, "Termin für den ersten Jour fixe mit dem Bündnis "
            "vorschlagen",
            ratings=[(180, 5, 3, 0, "Unterstützt das Klimaziel 2035 öffentlich, scheut aber "
                                    "Konflikte mit Gewerbe und Eigentümerverbänden."),
                     (14, 5, 3, 1, "Hat zugesagt, den Klimaaktionsplan zur Chefsache zu "
                                   "machen.")],
            shared=True, channel=C.IN_PERSON, email="oberbuergermeisterin@example.org"),
    _person("falkenhahn", "Bernd Falkenhahn", "stadtverwaltung",
            "Erster Stadtrat, Dezernent für Bauen, Umwelt und Verkehr", LI,
            S.CONVERSATION_HELD, 1,
            ratings=[(5, 4, 1, "Zuständig für fast alle Klimamaßnahmen; pragmatisch, "
                               "will Erfolge vor der Wahl.")],
            shared=True, channel=C.IN_PERSON),
    _person("aksoy", "Gül Aksoy-Meier", "stadtverwaltung",
            "Stadträtin, Dezernentin für Bildung, Soziales und Ordnung", LI, S.RESEARCHED, 2,
            "Termin im Dezernat III anfragen: Schulstraßen und Energiesparen an Schulen", "w1",
            shared=True, languages="Deutsch, Türkisch"),
    _person("weber", "Dr. Katrin Weber", "stadtverwaltung",
            "Klimaschutzmanagerin, Stabsstelle Klimaschutz", LI, S.ACTIVE_ALLY, 0,
            "Entwurf des Monitoringberichts gemeinsam durchgehen", "w2",
            [(3, 5, 2, "Unsere wichtigste Verbündete in der Verwaltung.")],
            shared=True, email="klimaschutz@example.org", channel=C.VIDEO),
    _person("reuter", "Thomas Reuter", "kreis",
            "Referent Klimaschutz; bis zum letzten Jahr Klimaschutzmanager der Stadt", LI,
            S.PAUSED, 3,
            ratings=[(2, 4, 2, "Kennt die Verwaltung von innen; jetzt beim Kreis.")],
            shared=True),
    _person("schneider", "Markus Schneider", "stadtverwaltung", "Leiter des Umweltamts", LI,
            S.ACTIVE_ALLY, 2,
            ratings=[(3, 4, 2, "Setzt Maßnahmen um, sobald Rückendeckung da ist.")],
            shared=True, email="markus.schneider@example.org"),
    _person("hallstein", "Ingrid Hallstein", "stadtverwaltung",
            "Leiterin des Stadtplanungsamts", LI, S.FIRST_CONTACT, 1,
            "Fragen zur Solarpflicht in neuen Bebauungsplänen schicken", -3,
            [(4, 3, 0, "Verantwortet die Wärmeplanung; noch zurückhaltend gegenüber dem "
                       "Bündnis.")],
            shared=True),
    _person("obermeier", "Ralf Obermeier", "stadtverwaltung",
            "Leiter des Tiefbau- und Verkehrsamts", LI, S.CONVERSATION_HELD, 1,
            step="Nachfragen, ob die Mängelliste in den Förderantrag eingeflossen ist",
            ratings=[(200, 3, 2, -2, "Hält Radverkehrsplanung für überzogen."),
                     (25, 3, 2, -1, "Würde bei gesicherter Förderung mitziehen; klagt über "
                                    "fehlendes Personal.")],
            shared=True),
    _person("kraemer", "Nadine Krämer", "stadtverwaltung", "Leiterin der Abteilung Mobilität",
            LI, S.ACTIVE_ALLY, 1, "Radverkehrszählung im Frühjahr gemeinsam auswerten", 35,
            [(2, 5, 2, "Fachlich stark, aber in der Hierarchie unter dem Tiefbauamt.")],
            shared=True),
    _person("weinand", "Jörg Weinand", "stadtverwaltung", "Leiter der Kämmerei", LI,
            S.CONVERSATION_HELD, 3,
            step="Beispielrechnungen für Photovoltaik im Contracting schicken",
            ratings=[(4, 2, -1, "Prüft jede Maßnahme streng auf Folgekosten; überzeugen "
                                "lassen ihn Wirtschaftlichkeitsrechnungen.")],
            shared=True),
    _person("luetzenkirchen", "Sven Lützenkirchen", "stadtverwaltung",
            "Leiter Hochbau und Gebäudemanagement", LI, S.COMMITTED, 3,
            "Liste der geeigneten Dächer für Photovoltaik abholen", -10,
            [(3, 3, 1, "Hat die Dachliste für die Solaroffensive zugesagt.")],
            shared=True),
    _person("diehl", "Carolin Diehl", "stadtverwaltung", "Leiterin der Wirtschaftsförderung",
            LI, S.IDENTIFIED, 3, "Über den Gewerbeverein einen Kontakt herstellen lassen", 20,
            shared=True),
    # City council
    _person("kollmann", "Hans-Peter Kollmann", "bbr", "Fraktionsvorsitzender", LI,
            S.DECLINED, 3,
            ratings=[(4, 2, -2, "Hält die Klimaziele für unbezahlbar und sagt das laut.")]),
    _person("arslan", "Sevgi Arslan-Brück", "soru", "Fraktionsvorsitzende", LI, S.COMMITTED,
            0, ratings=[(4, 3, 1, "Unterstützt uns, wenn soziale Fragen mitgedacht werden.")],
            channel=C.PHONE, languages="Deutsch, Türkisch"),
    _person("anselm", "Dr. Friederike Anselm", "glr", "Fraktionsvorsitzende", LI,
            S.ACTIVE_ALLY, 0,
            ratings=[(3, 5, 2, "Treibende Kraft im Parlament.")], channel=C.MESSENGER),
    _person("schaefermeier", "Werner Schäfermeier", "fwm", "Fraktionsvorsitzender", LI,
            S.PAUSED, 3,
            ratings=[(3, 2, -1, "Will erst nach der Vorstandswahl der Fraktion reden.")]),
    _person("wendland", "Julia Wendland", "lm", "Fraktionsvorsitzende (seit Kurzem)", LI,
            S.FIRST_CONTACT, 2, "Kennenlerngespräch vorschlagen, Thema Gewerbedächer", "w3",
            [(3, 3, 0, "Neu im Amt, wirtschaftsnah, aber offen für Photovoltaik.")]),
    _person("hambach", "Dieter Hambach", "lm",
            "Stadtverordneter, bis vor Kurzem Fraktionsvorsitzender", LI, S.PAUSED, 2,
            ratings=[(2, 1, -1, "Hat den Fraktionsvorsitz abgegeben; kaum noch Einfluss.")]),
    _person("trautmann", "Michael Trautmann", "soru",
            "Stadtverordneter, Vorsitzender des Ausschusses für Umwelt, Klima und Mobilität",
            LI, S.CONVERSATION_HELD, 0,
            step="Stellungnahme für die Anhörung im Ausschuss vorbereiten",
            ratings=[(3, 4, 1, "Bestimmt die Tagesordnung des Umweltausschusses.")]),
    # Industry and business
    _person("pfeiffer", "Dr. Andreas Pfeiffer-Lang", "mainauto", "Werkleiter", CONSENT,
            S.FIRST_CONTACT, 3,
            ratings=[(4, 2, 0, "Entscheidet über Investitionen am Standort; Zeit ist knapp.")]),
    _person("hock", "Melanie Hock", "mainauto", "Energiemanagerin", CONSENT,
            S.CONVERSATION_HELD, 3,
            step="Skizze zur Abwärmenutzung mit den Stadtwerken vorbereiten",
            ratings=[(2, 4, 2, "Will Abwärme nutzen, braucht aber Rückendeckung der "
                               "Werkleitung.")],
            channel=C.VIDEO),
    _person("gerlach", "Frank Gerlach", "kunststoff", "Geschäftsführer", CONSENT, S.DECLINED,
            3, ratings=[(3, 1, -1, "Kein Interesse, höflich abgesagt.")]),
    _person("brenner", "Heike Brenner", "gewerbe", "Vorsitzende", CONSENT,
            S.CONVERSATION_HELD, 1,
            ratings=[(3, 4, -1, "Spricht für den Einzelhandel; Parkplätze sind ihr "
                                "wichtigstes Thema.")],
            channel=C.PHONE),
    _person("ohlendorf", "Tim Ohlendorf", "bioladen", "Inhaber", CONSENT, S.ACTIVE_ALLY, 2,
            ratings=[(1, 4, 2, "Macht überall mit, wo er kann.")], channel=C.IN_PERSON),
    # Utilities
    _person("krueger", "Stefan Krüger", "stadtwerke", "Bereichsleiter Energiedienstleistungen",
            CONSENT, S.ACTIVE_ALLY, 0,
            ratings=[(3, 5, 2, "Unser Türöffner bei den Stadtwerken.")],
            shared=True, email="stefan.krueger@example.org"),
    _person("engelhardt", "Dr. Matthias Engelhardt", "stadtwerke", "Geschäftsführer",
            CONSENT, S.CONVERSATION_HELD, 0,
            step="Nachfragen, wie der Magistrat die Solaroffensive aufgenommen hat",
            ratings=[(240, 4, 3, 0, "Vorsichtig; die Wirtschaftlichkeit geht vor."),
                     (40, 4, 3, 1, "Offen für die gemeinsame Solaroffensive, wenn sie sich "
                                   "rechnet.")],
            shared=True, channel=C.IN_PERSON),
    _person("voss", "Renate Voss", "buergerenergie", "Vorständin", CONSENT, S.COMMITTED, 2,
            ratings=[(2, 4, 2, "Bringt Kapital und Erfahrung mit Bürgersolaranlagen.")]),
    # Housing
    _person("kamp", "Oliver Kamp", "wbg", "Geschäftsführer", CONSENT, S.FIRST_CONTACT, 0,
            "Unterlagen zum Förderprogramm für serielle Sanierung schicken", "w1",
            [(4, 3, 0, "Sieht Sanierung als Kostenrisiko für Mieter:innen.")], shared=True),
    _person("sauer", "Brigitte Sauer", "genossenschaft", "Vorständin", CONSENT,
            S.FIRST_CONTACT, 1, "Zum Quartiersabend in Haßloch-Nord einladen", 8,
            [(2, 2, 1, "Freundlich, aber wenig Kapazität.")]),
    _person("remmert", "Klaus-Dieter Remmert", "hausgrund", "Vorsitzender", CONSENT,
            S.DECLINED, 3,
            ratings=[(3, 4, -2, "Mobilisiert Eigentümer gegen die Wärmeplanung.")],
            channel=C.LETTER),
    # Waste and water
    _person("lindemann", "Petra Lindemann", "abwasser", "Verbandsvorsteherin", LI,
            S.RESEARCHED, 2,
            ratings=[(3, 2, 0, "Entscheidet über Investitionen des Verbands.")], shared=True),
    _person("schwalbach", "Uwe Schwalbach", "entsorgung", "Betriebsleiter", CONSENT,
            S.CONVERSATION_HELD, 2, "Zahlen zur Umstellung der Flotte auf Elektro nachfragen",
            -2, [(2, 2, 0, "Sachlich; wartet auf Vorgaben der Stadt.")]),
    # Education and science
    _person("markovic", "Prof. Dr. Elena Marković", "hochschule",
            "Professorin für Energietechnik", CONSENT, S.COMMITTED, 1,
            step="Mit der Stabsstelle klären, welche Daten anonymisiert geteilt werden",
            ratings=[(2, 5, 2, "Fachlich brillant und sehr engagiert.")],
            languages="Deutsch, Englisch, Kroatisch"),
    _person("kuehn", "Sabrina Kühn", "gesamtschule", "Schulleiterin", CONSENT,
            S.CONVERSATION_HELD, 2,
            ratings=[(2, 3, 1, "Offen für Projekte, wenn sie das Kollegium nicht "
                               "überlasten.")]),
    # Climate initiatives and associations
    _person("yilmaz", "Sabine Yılmaz", "umweltverband", "Sprecherin der Ortsgruppe", CONSENT,
            S.ACTIVE_ALLY, 0, ratings=[(2, 5, 2, "Arbeitet im Lokalteam mit.")],
            email="sabine.yilmaz@example.org", channel=C.MESSENGER,
            languages="Deutsch, Türkisch"),
    _person("neumann", "Paul Neumann", "fahrrad", "Vorstandsmitglied", CONSENT,
            S.ACTIVE_ALLY, 1, ratings=[(2, 5, 2, "Möchte im Lokalteam mitarbeiten.")],
            email="paul.neumann@example.org"),
    _person("sommerfeld", "Lea Sommerfeld", "schueler", "Sprecherin", CONSENT,
            S.ACTIVE_ALLY, 2, ratings=[(1, 5, 2, "Organisiert die Schulstreiks.")],
            channel=C.MESSENGER),
    _person("wolff", "Gerhard Wolff", "agenda", "Koordinator", CONSENT, S.ACTIVE_ALLY, 0,
            ratings=[(2, 4, 2, "Kennt in der Stadt jeden; Gedächtnis der Bewegung.")],
            channel=C.PHONE),
    _person("brandes", "Annika Brandes", "verbraucher", "Energieberaterin", CONSENT,
            S.COMMITTED, 2,
            ratings=[(2, 4, 1, "Berät neutral; darf nicht parteiisch wirken.")]),
    _person("ruppert", "Marco Ruppert", "sg", "Vorsitzender", CONSENT, S.FIRST_CONTACT, 3,
            ratings=[(2, 1, 0, "Sanierung des Vereinsheims ist sein Thema, nicht "
                               "Klimaschutz.")],
            channel=C.PHONE),
    _person("hartmann", "Elke Hartmann", "naturschutz", "Vorsitzende", CONSENT,
            S.ACTIVE_ALLY, 1, ratings=[(1, 3, 2, "Verlässlich, aber wenig Zeit.")]),
    # Churches and social organisations
    _person("albrecht", "Johanna Albrecht", "evkirche", "Pfarrerin", CONSENT, S.COMMITTED, 0,
            ratings=[(2, 4, 2, "Verbindet Gemeinde und Klimaschutz glaubwürdig.")]),
    _person("kessler", "Andreas Kessler", "kathpfarrei", "Pfarrer", CONSENT,
            S.FIRST_CONTACT, 0, ratings=[(2, 2, 1, "Wohlwollend, aber vorsichtig.")],
            channel=C.LETTER),
    # Citizens
    _person("brandau", "Horst Brandau", "nachbarschaft", "Sprecher der Initiative", CONSENT,
            S.CONVERSATION_HELD, 1,
            ratings=[(1, 3, 1, "Rentner, gut vernetzt im Stadtteil.")], channel=C.PHONE),
    _person("oeztuerk", "Fatma Öztürk", "mieterbeirat", "Vorsitzende", CONSENT, S.COMMITTED,
            2, "Flyer zur Energiesparberatung in den Hausfluren verteilen", 6,
            [(1, 4, 1, "Will, dass Sanierung nicht zu Verdrängung führt.")],
            languages="Deutsch, Türkisch"),
    _person("maas", "Jürgen Maas", None, "Anwohner in der Innenstadt, schreibt Leserbriefe",
            CONSENT, S.CONVERSATION_HELD, 3, sector=CITIZENS,
            step="Einladung zur Infoveranstaltung Fernwärme schicken",
            ratings=[(90, 1, 4, -2, "Leserbrief gegen den Wegfall von Parkplätzen."),
                     (7, 1, 4, -1, "Sorgt sich um Parkplätze vor seinem Haus, findet aber "
                                   "die Fernwärme-Idee gut.")],
            channel=C.PHONE),
]

# actor, days ago, channel, team (indexes), participants, summary, agreements,
# follow-up (as a due date), follow-up done
CONVERSATIONS = [
    ("stadtwerke", 120, C.IN_PERSON, [0, 1], ["engelhardt", "krueger"],
     "Erstes Gespräch mit Geschäftsführung und Energiedienstleistungen. Interessen: Die "
     "Stadtwerke wollen das Geschäft mit Wärme und Solarstrom ausbauen und brauchen dafür "
     "Akzeptanz in den Quartieren. Bedenken: Wärmenetze rechnen sich nur mit hoher "
     "Anschlussquote; Sorge, dass die Politik Preiszusagen erwartet. Beitrag: Daten für die "
     "Wärmeplanung, Solarkataster, Mitarbeit am Runden Tisch Klima.",
     "Herr Krüger wird fester Ansprechpartner. Das Bündnis lädt zu einem Quartiersabend in "
     "Haßloch-Nord ein.", -90, True),
    ("kunststoff", 80, C.PHONE, [3], ["gerlach"],
     "Telefonat mit der Geschäftsführung. Interessen: Energiekosten senken, aber nur nach "
     "Vorgabe des Konzerns. Bedenken: Keine Zeit für lokale Netzwerke, Sorge vor öffentlichen "
     "Selbstverpflichtungen. Beitrag: derzeit keiner.",
     "Keine Zusammenarbeit gewünscht; wir melden uns frühestens in einem Jahr wieder.", None,
     False),
    ("hochschule", 60, C.IN_PERSON, [1], ["markovic"],
     "Treffen am Campus. Interessen: Praxisnahe Themen für Abschlussarbeiten, Sichtbarkeit "
     "der Hochschule in der Stadt. Bedenken: Studierende brauchen verlässliche Ansprechpersonen "
     "in der Verwaltung und Zugang zu Daten. Beitrag: Wärmebildaufnahmen städtischer Gebäude, "
     "Begleitung der Wärmeplanung, Vorträge beim Runden Tisch.",
     "Die Hochschule schreibt zwei Abschlussarbeiten zur Wärmeplanung aus; das Bündnis "
     "vermittelt den Kontakt zur Stabsstelle Klimaschutz.", -40, True),
    ("weinand", 55, C.IN_PERSON, [3], [],
     "Gespräch in der Kämmerei. Interessen: Ein genehmigungsfähiger Haushalt und keine neuen "
     "Dauerkosten. Bedenken: Folgekosten von Klimamaßnahmen, fehlende Wirtschaftlichkeits"
     "rechnungen. Beitrag: Bereit, Contracting-Modelle und Fördermittel als Finanzierung zu "
     "prüfen.",
     "Wir schicken Beispielrechnungen für Photovoltaik im Contracting; Herr Weinand prüft sie "
     "bis zur Haushaltsklausur.", 40, False),
    ("schwalbach", 48, C.VIDEO, [2], [],
     "Videogespräch zum Entsorgungsbetrieb. Interessen: Verlässliche Planung für die neue "
     "Fahrzeugflotte. Bedenken: E-Müllfahrzeuge sind teuer, Ladeinfrastruktur auf dem "
     "Betriebshof fehlt. Beitrag: Pilot mit zwei E-Fahrzeugen denkbar, Daten zu Bioabfall.",
     "Herr Schwalbach schickt die Flottenplanung; wir klären Fördermöglichkeiten.", -20, True),
    ("agenda", 45, C.IN_PERSON, [0], ["wolff"],
     "Abstimmung mit der Lokalen Agenda. Interessen: Den Runden Tisch Klima wiederbeleben und "
     "mehr junge Menschen einbinden. Bedenken: Ehrenamtliche sind erschöpft, Doppelstrukturen "
     "vermeiden. Beitrag: Räume, Verteiler mit über 400 Adressen, Moderation des Runden "
     "Tischs.",
     "Die Agenda lädt zum Runden Tisch ein, das Bündnis übernimmt Protokoll und "
     "Nachbereitung.", -15, True),
    ("buergerenergie", 40, C.VIDEO, [2], ["voss"],
     "Gespräch mit dem Vorstand der Genossenschaft. Interessen: Neue Dächer für "
     "Bürgersolaranlagen, mehr Mitglieder. Bedenken: Pachtverträge mit der Stadt dauern "
     "lange. Beitrag: Finanzierung und Betrieb von Anlagen auf zwei Schuldächern.",
     "Die Genossenschaft bewirbt sich für die Dächer der Gesamtschule Mainufer und der "
     "Grundschule Sonnenwiese.", "w2", False),
    ("engelhardt", 40, C.IN_PERSON, [0], [],
     "Gespräch mit dem Geschäftsführer der Stadtwerke über ihre Rolle in der Wärmeplanung. "
     "Interessen: Planungssicherheit für Investitionen in Wärmenetze. Bedenken: Politische "
     "Debatten über Preise, zu ehrgeizige Zeitpläne. Beitrag: Solaroffensive auf städtischen "
     "Dächern mit dem Bündnis als Partner in der Öffentlichkeitsarbeit.",
     "Solaroffensive wird gemeinsam vorbereitet; Herr Engelhardt stellt sie im Magistrat "
     "vor.", 30, False),
    ("gesamtschule", 38, C.IN_PERSON, [2], ["kuehn"],
     "Besuch bei der Schulleitung. Interessen: Ein Energiesparprojekt, von dem die Schule "
     "auch finanziell etwas hat. Bedenken: Das Kollegium ist stark belastet. Beitrag: Eine "
     "Projektwoche zum Klimaschutz, Dachfläche für eine Bürgersolaranlage.",
     "Frau Kühn bringt das Thema in die Gesamtkonferenz; wir schicken Material zum "
     "Fifty-fifty-Modell.", -8, False),
    ("stadtwerke", 35, C.VIDEO, [0], ["krueger"],
     "Abstimmung zur Solaroffensive: 40 städtische Dächer geprüft, 12 sind geeignet. "
     "Interessen: Ein sichtbarer Start noch in diesem Jahr. Bedenken: Statik einiger "
     "Schuldächer, Lieferzeiten. Beitrag: Planung und Bau durch die Stadtwerke, zwei Dächer "
     "für die Bürgerenergie.",
     "Gemeinsame Pressemitteilung zum Start; die Bürgerenergie wird für zwei Schuldächer "
     "angefragt.", "w2", False),
    ("verbraucher", 33, C.PHONE, [2], ["brandes"],
     "Telefonat mit der Energieberatung. Interessen: Mehr Menschen erreichen, vor allem "
     "Mieter:innen. Bedenken: Neutralität muss gewahrt bleiben, keine Werbung für einzelne "
     "Anbieter. Beitrag: Monatliche Sprechstunde im Rathaus, Faktenblatt zur Wärmeplanung.",
     "Wir fragen bei der Stadt einen Raum für die Sprechstunde an.", -1, False),
    ("hausgrund", 30, C.PHONE, [3], ["remmert"],
     "Telefonat mit dem Vorsitzenden. Interessen: Eigentümer vor hohen Kosten schützen. "
     "Bedenken: Angst vor Anschlusszwang an Fernwärme und Sanierungspflichten. Beitrag: "
     "Derzeit keiner; der Verein will sich nicht am Bündnis beteiligen.",
     "Wir schicken das neutrale Faktenblatt der Verbraucherberatung, sobald es fertig ist.",
     21, False),
    ("grundschule", 30, C.IN_PERSON, [2], [],
     "Gespräch mit Schulleitung und Elternbeirat. Interessen: Sicherer Schulweg, weniger "
     "Elterntaxis. Bedenken: Eltern, die zur Arbeit weiterfahren, fühlen sich gegängelt. "
     "Beitrag: Die Schule würde eine Schulstraße als Pilot unterstützen.",
     "Wir bringen das Thema über die Abteilung Mobilität ins Ordnungsamt.", 20, False),
    ("hock", 28, C.VIDEO, [3], [],
     "Videogespräch mit der Energiemanagerin. Interessen: Rund 2 MW Abwärme aus der "
     "Lackiererei sinnvoll nutzen. Bedenken: Ohne Zustimmung der Werkleitung und des "
     "Konzerns geht nichts. Beitrag: Daten zur Abwärme, Kontakt zur Werkleitung.",
     "Frau Hock versucht einen Termin mit der Werkleitung zu bekommen; wir bereiten eine "
     "Skizze mit den Stadtwerken vor.", -6, False),
    ("evkirche", 26, C.IN_PERSON, [0], ["albrecht"],
     "Gespräch im Gemeindehaus. Interessen: Bewahrung der Schöpfung sichtbar machen, "
     "Gemeindehaus zukunftsfähig machen. Bedenken: Denkmalschutz am Kirchengebäude, knappe "
     "Mittel. Beitrag: Dach des Gemeindehauses für Bürgersolar, Gottesdienst zur "
     "Schöpfungszeit, Saal für Veranstaltungen.",
     "Die Gemeinde wird auf der Bündnisseite genannt; Planung der Solaranlage mit der "
     "Bürgerenergie.", 14, False),
    ("obermeier", 25, C.IN_PERSON, [1], [],
     "Gespräch im Tiefbau- und Verkehrsamt. Interessen: Projekte, die gefördert werden und "
     "umsetzbar sind. Bedenken: Zu wenig Personal, zu viele politische Aufträge gleichzeitig. "
     "Beitrag: Bereit, einen Förderantrag für Radwege zu stellen, wenn jemand zuarbeitet.",
     "Die Fahrradinitiative liefert eine Mängelliste; Herr Obermeier prüft sie für den "
     "Förderantrag.", 18, False),
    ("soru", 22, C.IN_PERSON, [0], ["arslan", "trautmann"],
     "Gespräch mit der Fraktionsspitze. Interessen: Klimaschutz, der Mieter:innen nicht "
     "überfordert. Bedenken: Steigende Wärmepreise, soziale Spaltung. Beitrag: Antrag für "
     "einen Sozialtarif im Nahverkehr, Unterstützung für den Klimaaktionsplan.",
     "Wir liefern Zahlen aus anderen Städten für den Antrag zum Sozialtarif.", "w1", False),
    ("fahrrad", 21, C.IN_PERSON, [1], ["neumann"],
     "Treffen nach der Radtour. Interessen: Sichere Radwege zu den Schulen und zum Bahnhof. "
     "Bedenken: Die Stadt plant viel und baut wenig. Beitrag: Mängelliste aus dem "
     "Fahrradklima-Check, Zählungen, Begleitung des Förderantrags.",
     "Die Mängelliste geht an Herrn Obermeier und Frau Krämer.", -5, True),
    ("nachbarschaft", 19, C.IN_PERSON, [1], ["brandau"],
     "Gespräch beim Nachbarschaftsfest. Interessen: Schatten und Abkühlung im Sommer, "
     "Treffpunkte im Stadtteil. Bedenken: Versprechen der Stadt wurden schon oft nicht "
     "gehalten. Beitrag: Baumpatenschaften, Einladung zu Quartiersabenden.",
     "Wir laden die Initiative zur Baumpflanzaktion des Umweltverbands ein.", 12, False),
    ("schueler", 18, C.MESSENGER, [2], ["sommerfeld"],
     "Abstimmung per Messenger und danach im Jugendzentrum. Interessen: Die Stadt soll ihr "
     "Klimaziel ernst nehmen. Bedenken: Nicht nur Deko für die Erwachsenen sein. Beitrag: "
     "Aktion vor der Stadtverordnetenversammlung, Schulprojekte, Reichweite in sozialen "
     "Medien.",
     "Gemeinsame Aktion zur Sitzung mit dem Klimaaktionsplan; die Schüler:innen bekommen "
     "Rederecht beim Runden Tisch.", 10, False),
    ("trautmann", 16, C.PHONE, [0], [],
     "Telefonat mit dem Ausschussvorsitzenden. Interessen: Ergebnisse, die er im Ausschuss "
     "vorzeigen kann. Bedenken: Überlastete Tagesordnungen. Beitrag: Klimaaktionsplan als "
     "eigener Tagesordnungspunkt, Anhörung des Bündnisses.",
     "Herr Trautmann setzt eine Anhörung für die übernächste Sitzung an.", "w4", False),
    ("ob", 14, C.IN_PERSON, [0, 3], [],
     "Gespräch im Rathaus, 45 Minuten. Interessen: Die Oberbürgermeisterin will Rüsselsheim "
     "als Stadt im Wandel nach dem Strukturwandel der Autoindustrie zeigen; Klimaschutz soll "
     "Arbeitsplätze sichern. Bedenken: Haushaltslage, Widerstand in Teilen der "
     "Stadtverordnetenversammlung, Streit um Parkplätze in der Innenstadt. Beitrag: Sie macht "
     "den Klimaaktionsplan zur Chefsache und eröffnet den Runden Tisch Klima.",
     "Zweimal im Jahr ein Jour fixe mit dem Bündnis; die Stabsstelle Klimaschutz berichtet "
     "jedes Quartal im Magistrat.", -2, False),
    ("markovic", 12, C.EMAIL, [1], [],
     "Abstimmung per E-Mail über die Themen der Abschlussarbeiten. Interessen: Gute Daten "
     "aus der Verwaltung. Bedenken: Datenschutz bei Verbrauchsdaten. Beitrag: Zwei "
     "Masterarbeiten zu Wärmenetz-Potenzialen in Haßloch-Nord und Dicker Busch.",
     "Wir klären mit der Stabsstelle Klimaschutz, welche Daten anonymisiert geteilt werden "
     "können.", 25, False),
    ("gewerbe", 10, C.IN_PERSON, [1, 3], ["brenner", "ohlendorf"],
     "Gespräch mit dem Vorstand des Gewerbevereins. Interessen: Eine lebendige Innenstadt "
     "mit Kundschaft aus dem Umland. Bedenken: Wegfall von Parkplätzen, Baustellen, "
     "Lieferverkehr. Beitrag: Aktion „Mit dem Rad in die Innenstadt“ mit Rabatten, "
     "Radabstellanlagen vor den Geschäften.",
     "Wir planen die Aktion gemeinsam für den Aktionstag im Herbst; der Gewerbeverein nennt "
     "geeignete Standorte für Fahrradbügel.", "w1", False),
    ("glr", 9, C.PHONE, [0], ["anselm"],
     "Telefonat mit der Fraktionsvorsitzenden. Interessen: Druck für eine zügige "
     "Wärmeplanung. Bedenken: Die Koalition darf nicht am Thema zerbrechen. Beitrag: Anfrage "
     "zum Stand der Wärmeplanung, Unterstützung im Ausschuss.",
     "Wir formulieren die Anfrage gemeinsam bis Ende nächster Woche.", -2, False),
    ("maas", 7, C.PHONE, [3], [],
     "Rückruf nach seinem Leserbrief. Interessen: Ruhe und ein Parkplatz vor dem Haus. "
     "Bedenken: Die Innenstadt werde für Autofahrer unattraktiv gemacht. Beitrag: Er "
     "interessiert sich für einen Fernwärmeanschluss seines Hauses und würde bei einer "
     "Infoveranstaltung mitdiskutieren.",
     "Wir laden ihn zur Infoveranstaltung der Stadtwerke zur Fernwärme ein.", 30, False),
]

# source, relation, target, note
RELATIONS = [
    ("schueler", RelationKind.MEMBER_OF, "agenda", "Die Schüler:innen sind seit 2020 dabei."),
    ("sommerfeld", RelationKind.KNOWS, "kuehn", "Geht auf die Gesamtschule Mainufer."),
    ("kuehn", RelationKind.KNOWS, "aksoy", "Schulleitungsrunde im Dezernat III."),
    ("wolff", RelationKind.KNOWS, "ob", "Kennen sich aus dem Beirat der Lokalen Agenda."),
    ("neumann", RelationKind.MEMBER_OF, "agenda", ""),
    ("neumann", RelationKind.KNOWS, "kraemer", "Arbeitskreis Radverkehr."),
    ("yilmaz", RelationKind.MEMBER_OF, "glr", "Parteimitglied ohne Mandat."),
    ("anselm", RelationKind.INFLUENCES, "falkenhahn", "Koalitionspartnerin; stimmt "
                                                      "Bauvorlagen mit ihm ab."),
    ("arslan", RelationKind.INFLUENCES, "ob", "Führt die größte Fraktion der Koalition."),
    ("ob", RelationKind.INFLUENCES, "engelhardt", "Vorsitzende des Aufsichtsrats der "
                                                  "Stadtwerke."),
    ("ob", RelationKind.INFLUENCES, "kamp", "Vorsitzende des Aufsichtsrats der "
                                            "Wohnungsbaugesellschaft."),
    ("weinand", RelationKind.INFLUENCES, "ob", "Bereitet alle Haushaltsentscheidungen vor."),
    ("kollmann", RelationKind.KNOWS, "weinand", "Beide im Haushalts- und Finanzausschuss."),
    ("remmert", RelationKind.MEMBER_OF, "bbr", ""),
    ("brenner", RelationKind.INFLUENCES, "kollmann", "Der Gewerbeverein ist die wichtigste "
                                                     "Stütze der BBR."),
    ("brenner", RelationKind.KNOWS, "diehl", "Regelmäßiger Austausch mit der "
                                             "Wirtschaftsförderung."),
    ("ohlendorf", RelationKind.MEMBER_OF, "gewerbe", ""),
    ("krueger", RelationKind.MEMBER_OF, "buergerenergie", ""),
    ("markovic", RelationKind.MEMBER_OF, "buergerenergie", "Im Aufsichtsrat der "
                                                           "Genossenschaft."),
    ("markovic", RelationKind.KNOWS, "krueger", "Kooperation von Hochschule und Stadtwerken."),
    ("hock", RelationKind.KNOWS, "markovic", "Hat bei ihr studiert."),
    ("albrecht", RelationKind.KNOWS, "kessler", "Ökumenischer Arbeitskreis Schöpfung."),
    ("albrecht", RelationKind.MEMBER_OF, "agenda", ""),
    ("trautmann", RelationKind.MEMBER_OF, "sg", "Leitet die Fußballabteilung."),
    ("oeztuerk", RelationKind.KNOWS, "kamp", "Mieterbeirat trifft die Geschäftsführung "
                                             "halbjährlich."),
    ("brandes", RelationKind.KNOWS, "weber", ""),
    ("weber", RelationKind.KNOWS, "reuter", "Ihr Vorgänger; hat sein Netzwerk übergeben."),
    ("obermeier", RelationKind.INFLUENCES, "kraemer", "Ihr Vorgesetzter."),
    ("hartmann", RelationKind.KNOWS, "schneider", ""),
    ("maas", RelationKind.KNOWS, "kollmann", "Schreibt für die Stadtteilzeitung der BBR."),
]

# key, parent, kind, name, short name, responsibilities, team contact (index or None)
DEPARTMENTS = [
    ("ob", None, DepartmentKind.MAYOR, "Oberbürgermeisterin", "OB",
     "Leitung der Verwaltung, Vorsitz im Magistrat, Vertretung der Stadt nach außen, "
     "Aufsichtsratsvorsitz in den städtischen Gesellschaften.", 0),
    ("klima", "ob", DepartmentKind.STABSSTELLE, "Stabsstelle Klimaschutz", "KS",
     "Klimaschutzmanagement, Klimaaktionsplan und Monitoring, Förderanträge, Koordination "
     "der Klimaschutzmaßnahmen aller Ämter, Geschäftsstelle des Runden Tischs Klima.", 0),
    ("d1", "ob", DepartmentKind.DEZERNAT, "Dezernat I – Verwaltung, Finanzen und Wirtschaft",
     "Dez. I", "Leitung: Oberbürgermeisterin. Haupt- und Personalamt, Kämmerei, "
     "Wirtschaftsförderung, Beteiligungen.", 3),
    ("hauptamt", "d1", DepartmentKind.AMT, "Haupt- und Personalamt", "10",
     "Organisation, Personal, Digitalisierung, Büro der Stadtverordnetenversammlung.", None),
    ("kaemmerei", "d1", DepartmentKind.AMT, "Kämmerei", "20",
     "Haushaltsplanung, Finanzcontrolling, Bewirtschaftung von Fördermitteln, Steuern und "
     "Abgaben.", 3),
    ("wifoe", "d1", DepartmentKind.AMT, "Wirtschaftsförderung", "80",
     "Kontakt zu Unternehmen, Gewerbeflächen, Standortmarketing, Innenstadtmanagement.", 3),
    ("swr", "d1", DepartmentKind.COMPANY, "Stadtwerke Rüsselsheim GmbH", "SWR",
     "Strom, Gas, Fernwärme, Wasser und Bäder; vollständig in städtischem Besitz.", 0),
    ("d2", "ob", DepartmentKind.DEZERNAT, "Dezernat II – Bauen, Umwelt und Verkehr", "Dez. II",
     "Leitung: Erster Stadtrat. Stadtplanung, Tiefbau und Verkehr, Umwelt, Hochbau und "
     "Gebäudemanagement.", 1),
    ("stadtplanung", "d2", DepartmentKind.AMT, "Stadtplanungsamt", "61",
     "Flächennutzungs- und Bebauungspläne, Stadtentwicklung, kommunale Wärmeplanung "
     "gemeinsam mit den Stadtwerken, Städtebauförderung.", 1),
    ("tiefbau", "d2", DepartmentKind.AMT, "Tiefbau- und Verkehrsamt", "66",
     "Straßen, Brücken, Radwege, Verkehrsplanung, Straßenbeleuchtung, Parkraum.", 1),
    ("mobilitaet", "tiefbau", DepartmentKind.ABTEILUNG, "Abteilung Mobilität", "66.2",
     "Rad- und Fußverkehr, Planung des Nahverkehrs, Mobilitätsstationen, sichere "
     "Schulwege.", 1),
    ("strassenbau", "tiefbau", DepartmentKind.ABTEILUNG, "Abteilung Straßenbau und "
     "-unterhaltung", "66.1", "Bau und Unterhalt von Straßen, Wegen und Brücken.", None),
    ("umweltamt", "d2", DepartmentKind.AMT, "Umweltamt", "36",
     "Umwelt- und Naturschutz, Stadtgrün, Klimaanpassung, Lärm und Luftreinhaltung, "
     "Gewässer.", 2),
    ("energie", "umweltamt", DepartmentKind.ABTEILUNG, "Abteilung Energie und "
     "Klimaanpassung", "36.2",
     "Energieberatung, Förderprogramme für Steckersolargeräte und Dachbegrünung, "
     "Hitzeaktionsplan.", 2),
    ("natur", "umweltamt", DepartmentKind.ABTEILUNG, "Abteilung Natur- und Gewässerschutz",
     "36.1", "Schutzgebiete, Ausgleichsflächen, Gewässerunterhaltung, Baumschutz.", None),
    ("hochbau", "d2", DepartmentKind.AMT, "Hochbau und Gebäudemanagement", "65",
     "Bau und Unterhalt der städtischen Gebäude (Schulen, Kitas, Verwaltung), "
     "Energiemanagement der Liegenschaften, Photovoltaik auf städtischen Dächern.", 3),
    ("d3", "ob", DepartmentKind.DEZERNAT, "Dezernat III – Bildung, Soziales und Ordnung",
     "Dez. III", "Leitung: hauptamtliche Stadträtin. Schulen und Sport, Ordnung, Soziales.",
     2),
    ("schulamt", "d3", DepartmentKind.AMT, "Schul- und Sportamt", "40",
     "Schulträgeraufgaben, Schulentwicklungsplanung, Sportstätten, Förderung der Vereine.", 2),
    ("ordnungsamt", "d3", DepartmentKind.AMT, "Ordnungsamt", "32",
     "Straßenverkehrsbehörde, Verkehrsüberwachung, Gewerbeangelegenheiten, Märkte und "
     "Veranstaltungen.", 1),
    ("sozialamt", "d3", DepartmentKind.AMT, "Amt für Soziales und Wohnen", "50",
     "Sozialleistungen, Wohngeld, Quartiersarbeit, Beratung bei Energieschulden.", None),
]

# title, department, organisation, key position, notes, holders as (person, days ago started)
POSITIONS = [
    ("Oberbürgermeister:in", "ob", None, True, "", [("ob", 1650)]),
    ("Erste:r Stadträt:in, Dezernat II", "d2", None, True, "", [("falkenhahn", 1200)]),
    ("Klimaschutzmanager:in", "klima", None, True,
     "Stelle über die Kommunalrichtlinie gefördert; das Anschlussvorhaben ist bewilligt.",
     [("reuter", 1500), ("weber", 300)]),
    ("Leitung Umweltamt", "umweltamt", None, True, "", [("schneider", 2100)]),
    ("Leitung Abteilung Mobilität", "mobilitaet", None, True, "", [("kraemer", 700)]),
    ("Radverkehrsbeauftragte:r", "mobilitaet", None, True,
     "Stelle im Haushalt bewilligt, die Ausschreibung läuft. Bis zur Besetzung übernimmt die "
     "Leitung der Abteilung Mobilität.", []),
    ("Leitung Kämmerei", "kaemmerei", None, False, "", [("weinand", 2500)]),
    ("Leitung Stadtplanungsamt", "stadtplanung", None, True,
     "Verantwortlich für die kommunale Wärmeplanung.", [("hallstein", 1100)]),
    ("Geschäftsführung Stadtwerke", "swr", "stadtwerke", True, "", [("engelhardt", 1400)]),
    ("Fraktionsvorsitz BBR", None, "bbr", False, "", [("kollmann", 1000)]),
    ("Fraktionsvorsitz Soziales Rüsselsheim", None, "soru", True, "", [("arslan", 1000)]),
    ("Fraktionsvorsitz Grüne Liste", None, "glr", True, "", [("anselm", 1000)]),
    ("Fraktionsvorsitz Liberale Mitte", None, "lm", False,
     "Wechsel im Fraktionsvorsitz – Beziehung neu aufbauen.",
     [("hambach", 1000), ("wendland", 20)]),
    ("Fraktionsvorsitz Freie Wähler Mainspitze", None, "fwm", False, "",
     [("schaefermeier", 1000)]),
    ("Vorsitz Ausschuss für Umwelt, Klima und Mobilität", None, "svv", True, "",
     [("trautmann", 1000)]),
]


def _due(today, spec):
    if spec is None:
        return None
    if isinstance(spec, str):  # "wN": N days ahead, but within this week
        return today + datetime.timedelta(days=min(int(spec[1:]), 6 - today.weekday()))
    return today + datetime.timedelta(days=spec)


def _email(name, domain):
    parts = [part for part in name.split() if not part.endswith(".")]
    local = ".".join(parts[-2:] if len(parts) > 1 else parts).lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        local = local.replace(umlaut, plain)
    local = unicodedata.normalize("NFKD", local.replace("ı", "i")).encode("ascii", "ignore")
    return f"{local.decode()}@{domain}"


def _sectors(municipality):
    services.sectors_ensure_defaults(municipality=municipality)
    existing = {sector.name: sector for sector in municipality.sectors.all()}
    sectors = []
    for name in DEFAULT_SECTORS:
        with translation.override("de"):
            german = str(name)
        with translation.override("en"):
            english = str(name)
        sector = existing.get(german) or existing.get(english)
        if sector is None:
            sector = services.sector_create(municipality=municipality, name=german)
        sectors.append(sector)
    return sectors


def _rate(actor, ratings, rated_by, now, default_days_ago):
    for rating in ratings:
        days_ago, power, interest, attitude, reason = (
            rating if len(rating) == 5 else (default_days_ago, *rating))
        created = services.rating_create(actor=actor, power=power, interest=interest,
                                         attitude=attitude, reason=reason, rated_by=rated_by)
        # Backdate, so that the history reads as assessments made over time.
        Rating.objects.filter(pk=created.pk).update(
            rated_at=now - datetime.timedelta(days=days_ago))


def load_actors_demo(municipality, team):
    """Fill the alliance of `municipality` (Rüsselsheim am Main) with fictional content.

    `team` lists the municipality's team members, a coordinator first. Does nothing if the
    municipality already has actors.
    """
    if Actor.objects.filter(municipality=municipality).exists():
        return
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        sectors = _sectors(municipality)
        actors, wanted_due = {}, {}

        for number, spec in enumerate(ORGANISATIONS):
            actor = services.actor_create(
                municipality=municipality, kind=ActorKind.ORGANISATION, name=spec["name"],
                sector=sectors[spec["sector"]], organisation_kind=spec["kind"],
                stage=spec["stage"], owner=team[spec["owner"] % len(team)],
                next_step=spec["step"], next_step_due=_due(today, spec["due"]),
                shared_with_administration=spec["shared"], notes=spec["notes"],
                website=spec["website"], shown_as_ally=bool(spec["ally"]),
                public_description=spec["ally"],
                address=f"Musterstraße {number + 1}\n65428 Rüsselsheim am Main",
            )
            actors[spec["key"]] = actor
            wanted_due[spec["key"]] = spec["due"]
            _rate(actor, spec["ratings"], actor.owner, now, 20 + (number * 11) % 120)

        for number, spec in enumerate(PERSONS):
            parent = actors[spec["org"]] if spec["org"] else None
            sector = (sectors[spec["sector"]] if spec["sector"] is not None
                      else parent.sector)
            public_office = spec["basis"] == LI
            consent = {}
            if not public_office:
                given = today - datetime.timedelta(days=60 + (number * 17) % 300)
                consent = {"consent_given_on": given, "consent_wording": CONSENT_WORDING,
                           "review_on": given + datetime.timedelta(days=730)}
            area = "06144" if number % 5 == 4 else "06142"
            actor = services.actor_create(
                municipality=municipality, kind=ActorKind.PERSON, name=spec["name"],
                sector=sector, parent=parent, function=spec["function"],
                email=spec["email"] or _email(
                    spec["name"], "example.org" if public_office else "example.com"),
                phone=f"{area} 555-{100 + number * 7:03d}",
                preferred_channel=spec["channel"], languages=spec["languages"],
                legal_basis=spec["basis"], stage=spec["stage"],
                owner=team[spec["owner"] % len(team)], next_step=spec["step"],
                next_step_due=_due(today, spec["due"]),
                shared_with_administration=spec["shared"], notes=spec["notes"],
                named_in_public=spec["key"] in NAMED_IN_PUBLIC, **consent,
            )
            actors[spec["key"]] = actor
            wanted_due[spec["key"]] = spec["due"]
            _rate(actor, spec["ratings"], actor.owner, now, 15 + (number * 13) % 150)

        open_follow_ups = {}
        for (key, days_ago, channel, team_indexes, participants, summary, agreements,
             follow_up, done) in sorted(CONVERSATIONS, key=lambda c: -c[1]):
            members = [team[index % len(team)] for index in team_indexes]
            conversation = services.conversation_create(
                actor=actors[key], held_on=today - datetime.timedelta(days=days_ago),
                channel=channel, summary=summary, agreements=agreements,
                follow_up_on=_due(today, follow_up), logged_by=members[0],
                participants=[actors[p] for p in participants], team_participants=members,
            )
            if done:
                services.follow_up_done(conversation=conversation)
            elif follow_up is not None:
                open_follow_ups[key] = conversation.follow_up_on
        # The next step's due date: as planned, else the open follow-up, else none.
        for key, actor in actors.items():
            due = _due(today, wanted_due[key]) or open_follow_ups.get(key)
            if not actor.next_step:
                due = None
            if actor.next_step_due != due:
                services.actor_update(actor=actor, version=actor.version, next_step_due=due)

        for source, kind, target, note in RELATIONS:
            services.relation_create(source=actors[source], kind=kind, target=actors[target],
                                     note=note)

        departments = {}
        for key, parent, kind, name, short_name, responsibilities, contact in DEPARTMENTS:
            departments[key] = services.department_create(
                municipality=municipality, name=name, kind=kind,
                parent=departments[parent] if parent else None, short_name=short_name,
                responsibilities=responsibilities,
                team_contact=team[contact % len(team)] if contact is not None else None,
            )

        for title, department, organisation, is_key, notes, holders in POSITIONS:
            position = services.position_create(
                municipality=municipality, title=title,
                department=departments[department] if department else None,
                organisation=actors[organisation] if organisation else None, is_key=is_key,
                notes=notes,
            )
            for person, days_ago in holders:
                services.position_hand_over(
                    position=position, person=actors[person],
                    on=today - datetime.timedelta(days=days_ago), recorded_by=team[0],
                )
            # Old changes have been seen long ago; recent ones still await the team.
            for change in position.changes.filter(
                    happened_on__lt=today - datetime.timedelta(days=60)):
                services.position_change_acknowledge(change=change)
