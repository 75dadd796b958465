"""Demo content for the Mitmachkarte, the Termintipps and the pages of Rüsselsheim am Main.

Initiatives, events, addresses and people are invented, but written to fit the alliance
(`gemeinsam.actors.demo`): organisations that organise events are looked up there by name, and
whatever is missing there becomes a plain organiser name. Websites use example.org, contact
addresses example.org; the contact addresses are never shown. Points lie in the districts of
Rüsselsheim, within about four kilometres of the city centre; a few groups have no place.

Event dates are relative to today (weeks from the current week, or the n-th weekday of a month),
so the Termintipps always show the next three months and a few past events. Everything is
written through the services: proposals wait for moderation, one published initiative has
changes waiting, one proposal was rejected. No e-mail is sent.
"""

import datetime
import hashlib
import re
import textwrap

from django.db import transaction
from django.utils import timezone, translation

from gemeinsam.actors.models import Actor, ActorKind

from . import services
from .models import EmbedSettings, Event, Initiative, Page

PLACE = "65428 Rüsselsheim am Main"
EMBED_ORIGINS = "https://www.ruesselsheim.de"

# Approximate centres of the districts (latitude, longitude); entries are spread around them.
DISTRICTS = {
    "Innenstadt": (49.9925, 8.4135),
    "Königstädten": (49.9700, 8.4460),
    "Bauschheim": (49.9720, 8.3780),
    "Haßloch": (49.9790, 8.4215),
    "Dicker Busch": (49.9860, 8.4390),
    "Eselswiese": (49.9975, 8.3970),
    "Berliner Viertel": (49.9930, 8.4300),
    "Hasengrund": (49.9820, 8.4020),
}

MO, TU, WE, TH, FR, SA, SU = range(7)
BLOCK_START = re.compile(r"(#+|-|\d+\.) ")

EXTRA_CATEGORIES = [
    # (name, English name, slug, colour)
    ("Tauschen und Teilen", "Swapping and sharing", "tauschen-teilen", "#4e5d6c"),
]


def _md(text):
    """Markdown with each paragraph and list item on one line, so that it also reads well
    where it is not rendered (iCalendar, GeoJSON, CSV)."""
    lines = []
    for line in textwrap.dedent(text).strip().splitlines():
        if lines and lines[-1].strip() and line.strip() and not BLOCK_START.match(line):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        else:
            lines.append(line.rstrip())
    return "\n".join(lines)


def ini(name, categories, district, street, description, *, hours="", join="",
        languages="Deutsch", access="", web="", social="", contact=("", "")):
    """An initiative. `district` None: no place on the map (the group meets in changing
    places or online)."""
    return {"name": name, "categories": categories, "district": district, "street": street,
            "description": _md(description), "hours": hours, "join": _md(join),
            "languages": languages, "access": access, "web": web, "social": social,
            "contact": contact}


def ev(title, categories, when, description, *, by="", at="@", online="", cost="",
       register="", access="", repeat="", all_day=False):
    """An event. `when`: ("week", weeks from this week, weekday, "HH:MM" or None, minutes or
    days) or ("nth", months from this month, n-th (-1: last), weekday, "HH:MM", minutes).
    `at`: "@" the organising initiative's place, None no place (online), or (district,
    street)."""
    return {"title": title, "categories": categories, "when": when,
            "description": _md(description), "by": by, "at": at, "online": online,
            "cost": cost, "register": register, "access": access, "repeat": repeat,
            "all_day": all_day}


STEP_FREE = "Stufenloser Zugang, barrierefreies WC im Haus."
GARDEN = ("Das Gelände ist über einen befestigten Weg erreichbar; die Beete selbst liegen auf "
          "Rasenwegen. Hochbeete in Sitzhöhe sind vorhanden.")

# --------------------------------------------------------------------------------------------
# Initiatives
# --------------------------------------------------------------------------------------------

INITIATIVES = [
    # Gemeinschaftsgärten
    ini("Gemeinschaftsgarten Wurzelwerk", ["gemeinschaftsgarten"], "Haßloch",
        "Am Hasslocher Feld 12",
        """
        Auf einer ehemaligen Brachfläche am Rand von Haßloch gärtnern rund 30 Nachbar:innen
        gemeinsam: Gemüse, Kräuter und eine **Blühwiese** für Wildbienen. Werkzeug, Saatgut und
        Wasser teilen wir, die Ernte auch. Vorkenntnisse braucht niemand.
        """,
        hours="Gartentreff samstags 10–13 Uhr, im Sommer zusätzlich mittwochs ab 17 Uhr",
        join="Kommen Sie einfach zum Gartentreff am Samstag vorbei. Wer ein eigenes Beet "
             "möchte, trägt sich in die Warteliste am Gartenhaus ein.",
        languages="Deutsch, English, Türkçe", access=GARDEN,
        web="https://wurzelwerk.example.org",
        social="https://social.example.org/@wurzelwerk",
        contact=("Heike Lorenz", "wurzelwerk@example.org")),
    ini("Interkultureller Garten Dicker Busch", ["gemeinschaftsgarten"], "Dicker Busch",
        "Waldweg 41 (hinter dem Stadtteilzentrum)",
        """
        Familien aus zwölf Herkunftsländern bauen hier Gemüse an, das sie aus ihrer Heimat
        kennen: Okra, Koriander, Bohnen aus dem Libanon. Der Garten ist ein Treffpunkt für die
        Nachbarschaft, mit Lehmofen und langer Tafel. Getragen wird er vom Interkulturellen
        Familienverein.
        """,
        hours="April bis Oktober: dienstags und freitags 15–18 Uhr",
        join="Sprechen Sie uns während der Öffnungszeiten an oder schreiben Sie über das "
             "Kontaktformular. Gartenpatenschaften für Einsteiger:innen gibt es jedes Frühjahr.",
        languages="Deutsch, Türkçe, العربية, English", access=GARDEN,
        web="https://garten-dickerbusch.example.org",
        contact=("Derya Kaplan", "garten.dickerbusch@example.org")),
    ini(
        "Essbare Stadt Rüsselsheim", ["gemeinschaftsgarten", "klimagruppe"], "Innenstadt",
        "Marktplatz 3 (Hochbeete vor der Stadtbücherei)",
        """
        Wir pflanzen Gemüse, Kräuter und Beerensträucher in **öffentliche Hochbeete** mitten in
        der Innenstadt. Ernten darf jede:r, gießen und pflegen übernehmen Beetpat:innen. So
        wird die Innenstadt grüner, kühler und ein bisschen leckerer.
        """,
        hours="Pflegetreff jeden zweiten Sonntag um 11 Uhr am Marktplatz",
        join="Übernehmen Sie eine Beetpatenschaft: Einmal pro Woche gießen genügt. Melden Sie "
             "sich über das Kontaktformular.",
        languages="Deutsch, English", access="Die Hochbeete stehen ebenerdig auf dem Platz "
        "und sind mit dem Rollstuhl gut erreichbar.",
        web="https://essbare-stadt-ruesselsheim.example.org",
        contact=("Nils Brückner", "essbar@example.org")),
    ini("Schulgarten-AG der Gesamtschule Mainufer", ["gemeinschaftsgarten", "bildung"],
        "Eselswiese", "Am Mainufer 20",
        """
        Schüler:innen der Klassen 5 bis 8 bewirtschaften den Schulgarten mit Kräuterspirale,
        Insektenhotel und Kartoffelacker. Was geerntet wird, kocht die Mensa-AG. In den Ferien
        gießen Eltern und Nachbar:innen.
        """,
        hours="Während der Schulzeit donnerstags 13:30–15 Uhr",
        join="Für die Ferien suchen wir Gießpat:innen aus der Nachbarschaft. Bitte melden Sie "
             "sich über das Kontaktformular.",
        access="Ebenerdiger Zugang über den Schulhof.",
        web="https://gesamtschule-mainufer.example.org/schulgarten",
        contact=("Frau Albers (Biologie)", "schulgarten.mainufer@example.org")),
    ini("Naschgarten Bauschheim", ["gemeinschaftsgarten"], "Bauschheim",
        "Rüsselsheimer Straße 88 (am Bürgerhaus)",
        """
        Ein kleiner Obst- und Beerengarten für alle: Himbeeren, Johannisbeeren, Apfelbäume
        alter Sorten. Der Ortsbeirat hat die Fläche zur Verfügung gestellt, die Pflege
        übernehmen Freiwillige aus dem Ort.
        """,
        hours="Frei zugänglich; Arbeitseinsätze nach Ankündigung",
        join="Kommen Sie zu einem der Arbeitseinsätze; die Termine stehen in den Termintipps.",
        access="Der Garten ist über einen Schotterweg erreichbar.",
        contact=("Gerd Wallenfels", "naschgarten@example.org")),

    # Repair-Cafés and workshops
    ini("Repair-Café Rüsselsheim", ["repair-cafe"], "Innenstadt",
        "Löwenplatz 5 (Stadtteilzentrum, Saal im Erdgeschoss)",
        """
        Jeden **ersten Samstag im Monat** reparieren Ehrenamtliche gemeinsam mit Ihnen
        Elektrogeräte, Fahrräder, Kleidung und Spielzeug. Bringen Sie Ihr kaputtes Lieblingsstück
        mit, wir schauen es uns gemeinsam an. Kaffee und Kuchen gibt es gegen Spende.
        """,
        hours="Jeden ersten Samstag im Monat, 10–14 Uhr (letzte Annahme 13 Uhr)",
        join="Sie können gut schrauben, löten oder nähen? Wir freuen uns über neue "
             "Reparateur:innen. Schauen Sie einfach an einem Samstag vorbei.",
        languages="Deutsch, English, Polski", access=STEP_FREE,
        web="https://repaircafe-ruesselsheim.example.org",
        social="https://social.example.org/@repaircafe_rue",
        contact=("Bernd Ohlig", "repaircafe@example.org")),
    ini("Fahrrad-Selbsthilfewerkstatt Kettenblatt", ["repair-cafe", "mobilitaet"],
        "Berliner Viertel", "Berliner Straße 64 (Hinterhof)",
        """
        Werkzeug, Ersatzteile und Rat für Ihr Fahrrad: In unserer offenen Werkstatt reparieren
        Sie selbst, wir helfen dabei. Gespendete Räder richten wir her und geben sie an
        Menschen weiter, die sich kein Fahrrad leisten können.
        """,
        hours="Donnerstags 17–20 Uhr, samstags 11–14 Uhr",
        join="Einfach vorbeikommen. Wer mitschrauben möchte, ist in der Werkstatt-Gruppe "
             "willkommen.",
        languages="Deutsch, English, Français, Tigrinya",
        access="Die Werkstatt liegt ebenerdig im Hinterhof; die Zufahrt ist gepflastert.",
        web="https://kettenblatt.example.org",
        contact=("Mehmet Aydın", "werkstatt.kettenblatt@example.org")),
    ini("Nähcafé Haßloch", ["repair-cafe", "tauschen-teilen"], "Haßloch",
        "Virchowstraße 9 (Gemeinschaftsraum)",
        """
        Hosen kürzen, Reißverschlüsse tauschen, Löcher stopfen: Im Nähcafé stehen fünf
        Nähmaschinen bereit. Erfahrene Näherinnen zeigen, wie es geht. Stoffreste aus der
        Stoffkiste dürfen Sie mitnehmen.
        """,
        hours="Jeden Mittwoch 15–18 Uhr",
        join="Kommen Sie mit Ihrem Kleidungsstück vorbei. Spenden von Garn und Stoff nehmen "
             "wir gern an.",
        languages="Deutsch, Türkçe, Русский", access=STEP_FREE,
        contact=("Tatjana Becker", "naehcafe@example.org")),

    # Cargo bikes
    ini("Freies Lastenrad Rüsselrad", ["lastenrad", "mobilitaet"], "Innenstadt",
        "Frankfurter Straße 15 (Ausleihe im Weltladen)",
        """
        Drei Lastenräder, kostenlos zu leihen: für den Wocheneinkauf, den Umzug in die
        Nachbarwohnung oder den Ausflug mit den Kindern. Sie buchen online und holen das Rad
        an einer unserer Stationen ab. Die Räder gehören allen, gepflegt werden sie von
        Freiwilligen.
        """,
        hours="Ausleihe täglich nach Online-Buchung, Abholung Mo–Sa 10–18 Uhr",
        join="Buchen Sie ein Rad über unsere Website. Wer bei der Pflege hilft oder eine "
             "Station betreuen möchte, meldet sich über das Kontaktformular.",
        languages="Deutsch, English",
        access="Ein Rad hat eine Rampe für einen Rollstuhl; Einweisung bei der Abholung.",
        web="https://ruesselrad.example.org",
        social="https://social.example.org/@ruesselrad",
        contact=("Svenja Merz", "ruesselrad@example.org")),
    ini("Lastenrad-Station Bauschheim", ["lastenrad"], "Bauschheim",
        "Hauptstraße 27 (Bioladen Grünkern)",
        """
        Die Bauschheimer Station des Rüsselrads: Ein E-Lastenrad mit Kindersitzbank steht im
        Hof des Bioladens Grünkern. Ausleihe bis zu drei Tage, kostenlos.
        """,
        hours="Abholung und Rückgabe zu den Öffnungszeiten des Ladens (Mo–Fr 9–19, Sa 9–14 Uhr)",
        join="Buchung über die Website des Rüsselrads.",
        access="Ebenerdige Abholung im Hof.",
        web="https://ruesselrad.example.org/bauschheim",
        contact=("Laura Weidner", "gruenkern.laden@example.org")),
    ini("Lastenrad Busch-Esel", ["lastenrad", "tauschen-teilen"], "Dicker Busch",
        "Waldweg 41 (Stadtteilzentrum)",
        """
        Die Nachbarschaftsinitiative hat mit Spenden ein Lastenrad angeschafft, den
        **Busch-Esel**. Nachbar:innen leihen es für Einkäufe und Transporte im Stadtteil.
        """,
        hours="Ausleihe zu den Öffnungszeiten des Stadtteilzentrums",
        join="Fragen Sie im Stadtteilzentrum nach dem Busch-Esel.",
        languages="Deutsch, Türkçe",
        access=STEP_FREE,
        contact=("Werner Jäckel", "nachbarschaft.dickerbusch@example.org")),

    # Food sharing
    ini("Foodsharing Rüsselsheim", ["foodsharing"], None, "",
        """
        Wir retten Lebensmittel, die Bäckereien, Supermärkte und Wochenmarkt nicht mehr
        verkaufen können, und verteilen sie kostenlos weiter: an Nachbar:innen, Tafeln und
        über unsere **Fairteiler**. Rund 80 Foodsaver:innen holen in ganz Rüsselsheim ab.
        """,
        hours="Abholungen täglich; Einführungstreffen einmal im Monat",
        join="Kommen Sie zu einem Einführungstreffen. Danach begleiten Sie drei Abholungen "
             "und können dann selbst Lebensmittel retten.",
        languages="Deutsch, English, Español",
        web="https://foodsharing-ruesselsheim.example.org",
        social="https://social.example.org/@foodsharing_rue",
        contact=("Lisa Schott", "foodsharing.rue@example.org")),
    ini("Fairteiler am Stadtkirchenplatz", ["foodsharing"], "Innenstadt",
        "Stadtkirchenplatz 2 (Seiteneingang Gemeindehaus)",
        """
        Ein Kühlschrank und ein Regal, in die alle gerettete und übrige Lebensmittel legen und
        aus denen alle nehmen dürfen. Die Evangelische Stadtkirchengemeinde stellt den Raum,
        Foodsharing kümmert sich um Hygiene und Sauberkeit.
        """,
        hours="Täglich 8–20 Uhr",
        join="Bringen Sie übrige Lebensmittel vorbei (keine rohen tierischen Produkte, "
             "nichts Angebrochenes). Für den Putzplan suchen wir Helfer:innen.",
        languages="Deutsch, English",
        access="Stufenloser Zugang über den Seiteneingang.",
        contact=("Lisa Schott", "foodsharing.rue@example.org")),
    ini("Fairteiler Haßloch", ["foodsharing"], "Haßloch", "Virchowstraße 9 (Vordach)",
        """
        Der Fairteiler im Stadtteil: Ein wetterfester Schrank unter dem Vordach des
        Gemeinschaftsraums, rund um die Uhr zugänglich. Montags und donnerstags kommen frische
        Backwaren aus einer Bäckerei dazu.
        """,
        hours="Rund um die Uhr",
        join="Legen Sie Lebensmittel hinein oder nehmen Sie sich etwas. Fragen beantwortet "
             "Foodsharing Rüsselsheim.",
        access="Ebenerdig, ohne Stufen.",
        contact=("Lisa Schott", "foodsharing.rue@example.org")),
    ini("Fairteiler Campus", ["foodsharing"], "Eselswiese",
        "Am Brückweg 26 (Foyer der Hochschule)",
        """
        Studierende der Hochschule am Main betreiben im Foyer einen Fairteiler, vor allem für
        Reste aus der Mensa und aus WG-Kühlschränken vor den Semesterferien. Nutzen darf ihn
        jede:r, nicht nur Studierende.
        """,
        hours="Während der Öffnungszeiten der Hochschule, Mo–Fr 7–21 Uhr",
        join="Die Campus-Gruppe trifft sich im Semester dienstags um 18 Uhr.",
        languages="Deutsch, English", access=STEP_FREE,
        contact=("AStA Nachhaltigkeitsreferat", "asta.nachhaltig@example.org")),

    # Energy
    ini("Bürgerenergie Mainspitze eG", ["energiegenossenschaft"], "Innenstadt",
        "Marktstraße 18",
        """
        Unsere Genossenschaft baut **Solaranlagen auf Dächern** von Schulen, Kirchen und
        Gewerbehallen in Rüsselsheim und der Mainspitze. Schon ab einem Anteil von 250 € sind Sie
        Mitglied und entscheiden mit. Bisher sind zwölf Anlagen mit zusammen 1,4 MW am Netz.
        """,
        hours="Sprechstunde dienstags 17–19 Uhr",
        join="Werden Sie Mitglied mit einem oder mehreren Anteilen, oder arbeiten Sie in der "
             "Technik-AG mit. Unser Infoabend findet jeden Monat online statt.",
        access="Das Büro liegt im ersten Stock ohne Aufzug; Beratung gern auch im Rathaus.",
        web="https://buergerenergie-mainspitze.example.org",
        contact=("Ilse Pietsch", "vorstand@buergerenergie.example.org")),
    ini("Balkonsolar Rüsselsheim", ["energiegenossenschaft", "bildung"], "Berliner Viertel",
        "Königsberger Straße 11 (Nachbarschaftstreff)",
        """
        Wir helfen Mieter:innen und Eigentümer:innen, ein **Steckersolargerät** auf den Balkon zu
        bringen: mit Sammelbestellung, Montagehilfe und Tipps zur Anmeldung beim Netzbetreiber.
        Über 150 Balkonkraftwerke sind so schon ans Netz gegangen.
        """,
        hours="Beratung jeden ersten Montag im Monat online, Montagetreffs nach Absprache",
        join="Kommen Sie zur Online-Sprechstunde oder melden Sie sich für die nächste "
             "Sammelbestellung an.",
        languages="Deutsch, English, Türkçe", access=STEP_FREE,
        web="https://balkonsolar-ruesselsheim.example.org",
        contact=("Jan-Philipp Roth", "balkonsolar@example.org")),
    ini("Energieberatung im Rathaus", ["bildung", "energiegenossenschaft"], "Innenstadt",
        "Marktplatz 4 (Rathaus, Raum 012)",
        """
        Unabhängige Energieberatung der Verbraucher- und Energieberatung Kreis Groß-Gerau: zu
        Heizung, Dämmung, Fördermitteln und Stromsparen. Die Beratung im Rathaus ist für
        Bürger:innen kostenlos.
        """,
        hours="Jeden Donnerstag 14–18 Uhr nach Terminvereinbarung",
        join="Vereinbaren Sie einen Termin über die Website oder das Bürgerbüro.",
        languages="Deutsch, English", access=STEP_FREE + " Induktive Höranlage im Raum 012.",
        web="https://energieberatung-gg.example.org",
        contact=("Carolin Pfaff", "beratung@energieberatung-gg.example.org")),
    ini("Nahwärme Königstädten", ["energiegenossenschaft", "klimagruppe"], "Königstädten",
        "Kirchstraße 7 (Gemeindehaus)",
        """
        Eine Bürgerinitiative, die ein **Nahwärmenetz** für den alten Ortskern von Königstädten
        prüft: mit Großwärmepumpe und Solarthermie. Gemeinsam mit den Stadtwerken läuft eine
        Machbarkeitsstudie; wir sammeln Interessensbekundungen.
        """,
        hours="Offenes Treffen jeden dritten Dienstag im Monat, 19:30 Uhr",
        join="Tragen Sie Ihr Haus in die Interessentenliste ein oder kommen Sie zum offenen "
             "Treffen.",
        access="Der Saal im Gemeindehaus ist über eine Rampe erreichbar.",
        web="https://nahwaerme-koenigstaedten.example.org",
        contact=("Wolfgang Hechler", "nahwaerme.kst@example.org")),

    # Mobility
    ini("Fahrradinitiative Rüsselsheim e. V.", ["mobilitaet"], "Innenstadt",
        "Bahnhofsplatz 1 (Radstation)",
        """
        Wir setzen uns für **sichere Radwege** und mehr Platz für den Radverkehr ein:
        mit Stellungnahmen, Mängelmeldungen und dem jährlichen Fahrradklima-Check. Einmal im
        Monat radeln wir gemeinsam durch die Stadt und schauen uns Problemstellen an.
        """,
        hours="Aktiventreffen jeden zweiten Montag im Monat, 19 Uhr",
        join="Kommen Sie zum Aktiventreffen oder zur monatlichen Radtour. Mitglied werden "
             "können Sie ab 24 € im Jahr.",
        access=STEP_FREE,
        web="https://fahrradinitiative-ruesselsheim.example.org",
        social="https://social.example.org/@radini_rue",
        contact=("Volker Daum", "vorstand@fahrradinitiative.example.org")),
    ini("Critical Mass Rüsselsheim", ["mobilitaet"], "Innenstadt", "Marktplatz",
        """
        Am **letzten Freitag im Monat** fahren wir gemeinsam mit dem Rad durch Rüsselsheim: ohne
        Anmeldung, ohne Verein, einfach als Teil des Verkehrs. Alle Räder sind willkommen, vom
        Liegerad bis zum Kinderanhänger.
        """,
        hours="Letzter Freitag im Monat, Treffpunkt 18 Uhr, Abfahrt 18:15 Uhr",
        join="Kommen Sie mit Ihrem Rad zum Marktplatz.",
        languages="Deutsch, English",
        social="https://social.example.org/@cm_ruesselsheim",
        contact=("", "cm-ruesselsheim@example.org")),
    ini("Kidical Mass Rüsselsheim", ["mobilitaet"], "Hasengrund",
        "Am Hasengrund 3 (Schulhof Grundschule Sonnenwiese)",
        """
        Kinder aufs Rad! Mehrmals im Jahr fahren Familien in einer bunten, von der Polizei
        begleiteten Raddemo durch die Stadt und zeigen, dass Kinder sichere Schulwege brauchen.
        """,
        hours="Mehrmals im Jahr, Termine siehe Termintipps",
        join="Kommen Sie mit Ihren Kindern; Helfer:innen für die Ordner:innen-Gruppe sind "
             "willkommen.",
        languages="Deutsch, English",
        web="https://kidicalmass-ruesselsheim.example.org",
        contact=("Carina Jost", "kidical@example.org")),
    ini("Carsharing-Verein Mainspitze teilt", ["mobilitaet", "tauschen-teilen"], "Hasengrund",
        "Danziger Straße 30 (Stellplatz)",
        """
        Sechs Autos, darunter drei elektrische, für 140 Mitglieder: Der Verein organisiert
        Nachbarschafts-Carsharing in Rüsselsheim. Ein geteiltes Auto ersetzt bis zu zehn
        private Wagen.
        """,
        hours="Buchung rund um die Uhr online",
        join="Werden Sie Mitglied (Aufnahmegebühr 50 €, dann nach Nutzung).",
        access="Ein Fahrzeug hat Handgas und Lenkradknauf.",
        web="https://mainspitze-teilt.example.org",
        contact=("Ulrike Sander", "info@mainspitze-teilt.example.org")),
    ini("Mitfahrbank Bauschheim", ["mobilitaet"], "Bauschheim",
        "Hauptstraße 2 (Bushaltestelle Ortsmitte)",
        """
        Wer auf der gelben Bank Platz nimmt und das Schild Richtung Innenstadt ausklappt,
        wird von Nachbar:innen mitgenommen. Eine Idee des Ortsbeirats für die Zeiten, in denen
        kaum Busse fahren.
        """,
        hours="Jederzeit",
        join="Nehmen Sie auf der Bank Platz oder halten Sie als Fahrer:in an.",
        access="Die Bank steht ebenerdig an der Haltestelle.",
        contact=("Ortsbeirat Bauschheim", "ortsbeirat.bauschheim@example.org")),

    # Climate groups
    ini("RüsselsheimZero", ["klimagruppe"], "Innenstadt", "Löwenplatz 5 (Stadtteilzentrum)",
        """
        Das Lokalteam RüsselsheimZero setzt sich dafür ein, dass Rüsselsheim **bis 2035
        klimaneutral** wird. Wir begleiten den Klimaaktionsplan der Stadt, bringen Initiativen
        zusammen und laden jeden Monat zum Klimastammtisch ein.
        """,
        hours="Klimastammtisch jeden zweiten Mittwoch im Monat, 19 Uhr",
        join="Kommen Sie zum Klimastammtisch oder schreiben Sie uns über das Kontaktformular, "
             "in welcher AG Sie mitmachen möchten: Energie, Verkehr oder Öffentlichkeitsarbeit.",
        languages="Deutsch, English", access=STEP_FREE,
        web="https://ruesselsheimzero.example.org",
        social="https://social.example.org/@ruesselsheimzero\n"
               "https://video.example.org/c/ruesselsheimzero",
        contact=("Kai Lorenzen", "kontakt@ruesselsheimzero.example.org")),
    ini("Schüler:innen fürs Klima Rüsselsheim", ["klimagruppe", "bildung"], "Eselswiese",
        "Evreuxring 2 (Jugendhaus)",
        """
        Schüler:innen aus allen Rüsselsheimer Schulen, die für Klimagerechtigkeit auf die Straße
        gehen, Schulprojekte anstoßen und mit der Stadtpolitik sprechen. Wir fordern sichere
        Schulwege, Solaranlagen auf allen Schuldächern und mehr Klimabildung im Unterricht.
        """,
        hours="Plenum jeden Freitag 16 Uhr im Jugendhaus",
        join="Komm einfach zum Plenum am Freitag.",
        languages="Deutsch, English", access=STEP_FREE,
        social="https://social.example.org/@sfk_ruesselsheim",
        contact=("Finn Adler", "schueler.klima@example.org")),
    ini("Parents for Future Rüsselsheim", ["klimagruppe"], None, "",
        """
        Eltern und Großeltern, die die Klimabewegung der jungen Leute unterstützen: mit
        Infoständen, Briefen an die Stadtverordneten und Kuchen bei jeder Demo. Wir treffen uns
        online, damit es auch mit kleinen Kindern klappt.
        """,
        hours="Online-Treffen jeden ersten Donnerstag im Monat, 20:30 Uhr",
        join="Schreiben Sie uns über das Kontaktformular, Sie bekommen dann den Link zum "
             "Online-Treffen.",
        web="https://parentsforfuture-rue.example.org",
        contact=("Sandra Kehl", "parents.rue@example.org")),
    ini("Schöpfung bewahren: Umweltgruppe der Stadtkirchengemeinde", ["klimagruppe"],
        "Innenstadt", "Stadtkirchenplatz 2 (Gemeindehaus)",
        """
        Die Umweltgruppe der Evangelischen Stadtkirchengemeinde hat den **Grünen Hahn**
        eingeführt, die Solaranlage auf dem Gemeindehaus angestoßen und lädt in der
        Schöpfungszeit zu Gottesdiensten und Fahrradpilgertouren ein. Beim Gemeindefest gibt es
        nur noch Mehrweggeschirr und fair gehandelten Kaffee.
        """,
        hours="Treffen jeden letzten Montag im Monat, 18 Uhr",
        join="Alle sind willkommen, unabhängig von Konfession.",
        access=STEP_FREE,
        web="https://stadtkirche-ruesselsheim.example.org/umwelt",
        contact=("Ruth Sennewald", "umweltgruppe.stadtkirche@example.org")),
    ini("Klimacafé Haßloch-Nord", ["klimagruppe", "bildung"], "Haßloch",
        "Virchowstraße 9 (Gemeinschaftsraum)",
        """
        Bei Kaffee und Tee sprechen Mieter:innen über Heizkosten, Hitze in der Wohnung und was
        dagegen hilft. Der Mieterbeirat lädt dazu Fachleute ein, etwa von der Energieberatung.
        """,
        hours="Jeden dritten Freitag im Monat, 15–17 Uhr",
        join="Einfach vorbeikommen.",
        languages="Deutsch, Türkçe, Русский, العربية", access=STEP_FREE,
        contact=("Emine Yıldız", "mieterbeirat.hassloch@example.org")),

    # Nature
    ini("Umweltverband Ortsgruppe Rüsselsheim e. V.", ["naturschutz"], "Innenstadt",
        "Grabenstraße 14 (Umweltbüro)",
        """
        Die Ortsgruppe betreut Streuobstwiesen, setzt sich für **Stadtgrün und Entsiegelung**
        ein und nimmt zu Bebauungsplänen Stellung. Im Umweltbüro gibt es Beratung zu
        naturnahen Gärten.
        """,
        hours="Umweltbüro mittwochs 16–18 Uhr",
        join="Kommen Sie zu einem Arbeitseinsatz auf der Streuobstwiese oder zum "
             "Monatstreffen.",
        access="Das Umweltbüro liegt im Erdgeschoss, eine Stufe am Eingang.",
        web="https://umweltverband-ruesselsheim.example.org",
        contact=("Anke Rosental", "ortsgruppe@umweltverband.example.org")),
    ini("Streuobstwiese Königstädten", ["naturschutz", "gemeinschaftsgarten"], "Königstädten",
        "Am Wäldchen (Feldweg hinter dem Sportplatz)",
        """
        Rund 120 hochstämmige Obstbäume, viele davon alte Sorten, pflegt die Ortsgruppe des
        Umweltverbands hier. Im Herbst wird gemeinsam geerntet und gepresst; der Saft wird im
        Ort verkauft.
        """,
        hours="Arbeitseinsätze nach Ankündigung",
        join="Helfen Sie beim Baumschnitt oder bei der Ernte; Termine stehen in den "
             "Termintipps.",
        access="Unbefestigter Wiesenweg, mit Rollstuhl nicht befahrbar.",
        web="https://umweltverband-ruesselsheim.example.org/streuobst",
        contact=("Anke Rosental", "ortsgruppe@umweltverband.example.org")),
    ini("Vogel- und Naturschutzgruppe Mainspitze e. V.", ["naturschutz"], "Bauschheim",
        "Am Vogelschutzgehölz 1",
        """
        Wir kartieren Brutplätze von Mauerseglern und Fledermäusen an Gebäuden, bauen
        Nistkästen und beraten bei Sanierungen. Unser Vereinsgelände am Vogelschutzgehölz ist
        am ersten Sonntag im Monat geöffnet.
        """,
        hours="Vereinsgelände: erster Sonntag im Monat 10–12 Uhr",
        join="Kommen Sie zu einer Exkursion oder zum Nistkastenbau.",
        access="Das Gelände ist über einen befestigten Weg erreichbar.",
        web="https://naturschutz-mainspitze.example.org",
        contact=("Reinhard Stoll", "vorstand@naturschutz-mainspitze.example.org")),
    ini("Naturschutzjugend Mainspitze", ["naturschutz", "bildung"], "Hasengrund",
        "Am Hasengrund 40 (Naturschutzhütte)",
        """
        Die Kinder- und Jugendgruppe der Vogel- und Naturschutzgruppe: Wir beobachten Tiere,
        bauen Insektenhotels und erkunden den Main. Für Kinder von 8 bis 14 Jahren.
        """,
        hours="Jeden zweiten Samstag, 14–16:30 Uhr",
        join="Eine Schnupperstunde ist jederzeit möglich; bitte kurz über das Kontaktformular "
             "anmelden.",
        access="Die Hütte hat eine Stufe; das Gelände ist naturbelassen.",
        contact=("Jonas Reitz", "naju.mainspitze@example.org")),
    ini("Amphibienschutz Königstädter Wald", ["naturschutz"], "Königstädten",
        "Waldstraße (Parkplatz am Waldrand)",
        """
        Jedes Frühjahr bauen Freiwillige einen Schutzzaun an der Waldstraße und tragen Kröten,
        Frösche und Molche sicher über die Straße, rund 4.000 Tiere im Jahr. Die gezählten
        Tiere melden wir an die Untere Naturschutzbehörde.
        """,
        hours="Im Frühjahr täglich morgens und abends",
        join="Tragen Sie sich in den Betreuungsplan ein: Eine Schicht dauert eine halbe "
             "Stunde.",
        access="Arbeit am Straßenrand, gutes Schuhwerk nötig.",
        contact=("Rolf Stegmann", "kroetenzaun@example.org")),
    ini("Baumpat:innen Rüsselsheim", ["naturschutz", "klimagruppe"], "Berliner Viertel",
        "Berliner Straße 40",
        """
        Stadtbäume leiden unter Hitze und Trockenheit. Baumpat:innen gießen „ihren“ Baum im
        Sommer, lockern die Baumscheibe und melden Schäden an das Umweltamt. Die Stadt stellt
        Gießsäcke zur Verfügung.
        """,
        hours="Gießsaison Mai bis September",
        join="Suchen Sie sich einen Baum in Ihrer Straße aus und melden Sie sich beim "
             "Umweltamt oder bei uns.",
        web="https://baumpaten-ruesselsheim.example.org",
        contact=("Gabriele Fink", "baumpaten@example.org")),
    ini("Stadtimkerei Mainufer", ["naturschutz", "bildung"], "Eselswiese",
        "Mainuferweg 8 (Bienenstand an der Festung)",
        """
        Zwölf Bienenvölker in der Stadt und ein Lehrbienenstand: Wir zeigen, wie Bienen leben,
        und bieten Kurse für Einsteiger:innen an. Der Honig wird auf dem Wochenmarkt verkauft.
        """,
        hours="Schaukasten jederzeit; Führungen nach Vereinbarung",
        join="Melden Sie sich für den Einsteigerkurs an.",
        access="Der Bienenstand ist über den Mainuferweg ebenerdig erreichbar.",
        contact=("Klaus Brehm", "imkerei.mainufer@example.org")),

    # Education
    ini("Klima-AG der Grundschule Sonnenwiese", ["bildung"], "Hasengrund", "Am Hasengrund 3",
        """
        Die Klimadetektive der Grundschule messen Temperaturen auf dem Schulhof, verfolgen den
        Stromverbrauch der Schule und haben den Laufbus eingeführt: Kinder gehen gemeinsam zu
        Fuß zur Schule. Einmal im Jahr stellen die Kinder ihre Ergebnisse im Rathaus vor.
        """,
        hours="Mittwochs 13:15–14:45 Uhr während der Schulzeit",
        join="Eltern können beim Laufbus mitlaufen; bitte im Sekretariat melden.",
        languages="Deutsch", access=STEP_FREE,
        contact=("Herr Demir (Klassenlehrer 3b)", "klima-ag.sonnenwiese@example.org")),
    ini("VHS-Reihe Klimafit", ["bildung"], "Innenstadt",
        "Am Treff 1 (Volkshochschule Mainspitze)",
        """
        Sechs Abende über Klimawandel in der Region, was Kommunen tun können und was jede:r
        selbst beitragen kann. Mit Fachleuten aus Wissenschaft und Verwaltung. Am Ende steht ein
        eigenes kleines Projekt.
        """,
        hours="Zweimal im Jahr, jeweils dienstags 18:30–20:45 Uhr",
        join="Anmeldung über das Programm der Volkshochschule.",
        access=STEP_FREE + " Induktionsschleife im Saal.",
        web="https://vhs-mainspitze.example.org/klimafit",
        contact=("Vera Kunz", "klimafit@vhs-mainspitze.example.org")),
    ini("Energie-Scouts der Beruflichen Schulen", ["bildung", "energiegenossenschaft"],
        "Eselswiese", "Evreuxring 30",
        """
        Auszubildende aus Elektro- und SHK-Klassen spüren in ihren Ausbildungsbetrieben
        Energieverschwendung auf: mit Wärmebildkamera und Strommessgerät. Die besten Projekte
        stellen sie jedes Jahr öffentlich vor.
        """,
        hours="Projektarbeit im Schuljahr",
        join="Ausbildungsbetriebe, die mitmachen möchten, melden sich über das "
             "Kontaktformular.",
        access=STEP_FREE,
        contact=("Dirk Seibel", "energiescouts@example.org")),
    ini("Klimawerkstatt an der Hochschule", ["bildung", "klimagruppe"], "Eselswiese",
        "Am Brückweg 26 (Gebäude D, Raum 110)",
        """
        Studierende und Lehrende arbeiten an Projekten für die Stadt: ein Solarpotenzialkataster
        für Vereinsdächer, eine Verkehrszählung am Bahnhof, ein Hitzeplan für die Innenstadt.
        Bürger:innen können eigene Fragen einbringen.
        """,
        hours="Offene Sprechstunde im Semester, donnerstags 12–13 Uhr",
        join="Bringen Sie eine Frage mit, die die Klimawerkstatt untersuchen soll.",
        languages="Deutsch, English", access=STEP_FREE,
        web="https://hochschule-am-main.example.org/klimawerkstatt",
        contact=("Dr. Henrik Baumann", "klimawerkstatt@hochschule-am-main.example.org")),
    ini("Bibliothek der Dinge", ["tauschen-teilen", "bildung"], "Innenstadt",
        "Marktplatz 3 (Stadtbücherei, Erdgeschoss)",
        """
        In der Stadtbücherei leihen Sie nicht nur Bücher: Bohrmaschine, Nähmaschine,
        Strommessgerät, Wärmebildkamera, Raclette-Grill und über 100 weitere Dinge gibt es mit
        dem Büchereiausweis. Teilen statt kaufen spart Geld, Platz und Ressourcen.
        """,
        hours="Di–Fr 10–18 Uhr, Sa 10–13 Uhr",
        join="Haben Sie Dinge, die Sie selten brauchen? Spenden Sie sie der Bibliothek der "
             "Dinge.",
        languages="Deutsch, English, Türkçe", access=STEP_FREE,
        web="https://stadtbuecherei-ruesselsheim.example.org/dinge",
        contact=("Team der Stadtbücherei", "dinge@stadtbuecherei.example.org")),

    # Swapping and sharing
    ini("Tauschring Mainspitze", ["tauschen-teilen"], None, "",
        """
        Eine Stunde Fensterputzen gegen eine Stunde Nachhilfe: Im Tauschring tauschen rund 90
        Mitglieder Zeit und Können statt Geld. Jede Stunde ist gleich viel wert.
        """,
        hours="Tauschtreffen jeden vierten Sonntag im Monat",
        join="Schreiben Sie uns über das Kontaktformular; beim nächsten Treffen erklären wir, "
             "wie der Tauschring funktioniert.",
        web="https://tauschring-mainspitze.example.org",
        contact=("Doris Kaltenbach", "tauschring@example.org")),
    ini("Kleidertausch Rüsselsheim", ["tauschen-teilen"], None, "",
        """
        Viermal im Jahr wird getauscht statt gekauft: Bringen Sie bis zu zehn gut erhaltene
        Kleidungsstücke mit und nehmen Sie mit, was Ihnen gefällt. Der Ort wechselt, mal
        Stadtteilzentrum, mal Schulaula.
        """,
        hours="Viermal im Jahr, Termine in den Termintipps",
        join="Helfer:innen für Auf- und Abbau sind willkommen.",
        languages="Deutsch, English",
        social="https://social.example.org/@kleidertausch_rue",
        contact=("Marie Eckert", "kleidertausch@example.org")),
    ini("Saatgut-Tauschbox Königstädten", ["tauschen-teilen", "gemeinschaftsgarten"],
        "Königstädten", "Kirchstraße 3 (vor dem Dorfladen)",
        """
        Eine alte Karteikartenbox voller samenfester Saatguttütchen: Tomaten, Bohnen, Ringelblumen.
        Nehmen Sie sich, was Sie brauchen, und bringen Sie im Herbst eigenes Saatgut zurück.
        """,
        hours="Zu den Öffnungszeiten des Dorfladens",
        join="Füllen Sie die Box im Herbst mit eigenem Saatgut auf.",
        access="Ebenerdig vor dem Laden.",
        contact=("Gisela Morgenroth", "saatgut.kst@example.org")),
    ini("Verschenkmarkt Dicker Busch", ["tauschen-teilen"], "Dicker Busch",
        "Waldweg 41 (Stadtteilzentrum, Saal)",
        """
        Zweimal im Jahr verschenken Nachbar:innen, was sie nicht mehr brauchen: Geschirr,
        Spielzeug, Bücher, Kleinmöbel. Was übrig bleibt, geht an soziale Einrichtungen.
        """,
        hours="Im Frühjahr und im Herbst, Termine in den Termintipps",
        join="Melden Sie sich für einen Tisch an oder helfen Sie beim Aufbau.",
        languages="Deutsch, Türkçe", access=STEP_FREE,
        contact=("Werner Jäckel", "nachbarschaft.dickerbusch@example.org")),
]

# Published after a proposal from the public (the proposer keeps an edit link); the first one
# then gets changes through that link, which wait for the moderation.
ACCEPTED_PROPOSALS = [
    ("r.kessler@example.org", ini(
        "Repair-Café Königstädten", ["repair-cafe"], "Königstädten",
        "Kirchstraße 7 (Gemeindehaus, Untergeschoss)",
        """
        Das Repair-Café für Königstädten und Bauschheim: Jeden **dritten Samstag im Monat**
        reparieren wir gemeinsam Toaster, Lampen, Radios und Kleidung. Ein kleines Team, viel
        Geduld und guter Kaffee.
        """,
        hours="Jeden dritten Samstag im Monat, 14–17 Uhr",
        join="Reparateur:innen, vor allem für Elektronik, sind herzlich willkommen.",
        access="Das Untergeschoss ist nur über eine Treppe erreichbar; wir tragen Geräte "
               "gern hinunter.",
        contact=("Rainer Kessler", "repaircafe.kst@example.org"))),
    ("upcycling.hasengrund@example.org", ini(
        "Upcycling-Werkstatt Hasengrund", ["repair-cafe", "tauschen-teilen"], "Hasengrund",
        "Danziger Straße 12 (Keller des Jugendtreffs)",
        """
        Aus alten Paletten werden Hochbeete, aus Fahrradschläuchen Gürtel, aus Tetrapaks
        Geldbörsen. Jugendliche und Erwachsene bauen gemeinsam Neues aus Altem.
        """,
        hours="Freitags 16–19 Uhr",
        join="Einfach vorbeikommen; Material bringen wir mit.",
        languages="Deutsch, English, Română",
        access="Der Keller ist über eine Treppe erreichbar.",
        contact=("Ionela Popescu", "upcycling.hasengrund@example.org"))),
]

PENDING_CHANGES = {
    "opening_hours": "Jeden dritten Samstag im Monat, 10–14 Uhr (neu: vormittags)",
    "description": _md("""
        Das Repair-Café für Königstädten und Bauschheim: Jeden **dritten Samstag im Monat**
        reparieren wir gemeinsam Toaster, Lampen, Radios und Kleidung. Neu: Wir öffnen schon
        vormittags und haben eine Fahrrad-Ecke. Ein kleines Team, viel Geduld und guter Kaffee.
        """),
}

# Waiting for moderation: (proposer's address, initiative).
PROPOSALS = [
    ("m.lang@example.org", ini(
        "Nachbarschaftsgarten Hasengrund", ["gemeinschaftsgarten"], "Hasengrund",
        "Memeler Straße 5 (Innenhof)",
        """
        Wir möchten den Innenhof unserer Wohnanlage in einen Nachbarschaftsgarten verwandeln.
        Die Hausverwaltung ist einverstanden, jetzt suchen wir Mitgärtner:innen.
        """,
        hours="Noch offen",
        join="Melden Sie sich über das Kontaktformular.",
        contact=("Markus Lang", "m.lang@example.org"))),
    ("familie.ruppel@example.org", ini(
        "Lastenrad für Königstädten", ["lastenrad"], "Königstädten", "Kirchstraße 3",
        """
        Königstädten braucht ein eigenes freies Lastenrad! Wir sammeln Spenden und suchen einen
        Standort, an dem das Rad sicher steht.
        """,
        join="Spenden und Standortideen über das Kontaktformular.",
        contact=("Anja Ruppel", "familie.ruppel@example.org"))),
    ("unverpackt.rue@example.org", ini(
        "Unverpackt einkaufen in Rüsselsheim", ["klimagruppe", "tauschen-teilen"], None, "",
        """
        Eine Gruppe, die einen Unverpackt-Laden als Genossenschaft gründen will. Bis dahin
        organisieren wir Sammelbestellungen von Nudeln, Reis und Linsen in Großgebinden.
        """,
        hours="Treffen alle zwei Wochen",
        join="Schreiben Sie uns, wenn Sie Genossenschaftsmitglied werden möchten.",
        contact=("Kerstin Wolf", "unverpackt.rue@example.org"))),
    ("kompost.eselswiese@example.org", ini(
        "Kompostgruppe Eselswiese", ["gemeinschaftsgarten", "naturschutz"], "Eselswiese",
        "Am Mainufer 2 (Kleingartenanlage, Parzelle 17)",
        """
        Wir betreiben eine Gemeinschaftskompostanlage für die Nachbarschaft: Bioabfälle rein,
        nach einem Jahr Komposterde raus. Die Erde verteilen wir an die Gärten der
        Nachbarschaft.
        """,
        hours="Samstags 10–12 Uhr",
        join="Holen Sie sich beim Samstagstreff einen Schlüssel für die Kompostbox.",
        contact=("Bernhard Kühn", "kompost.eselswiese@example.org"))),
]

# A proposal the moderation did not accept (an advertisement).
REJECTED = ("angebote@heizung-discount.example.org", ini(
    "Heizung-Discount Mainspitze", ["energiegenossenschaft"], "Innenstadt", "Mainstraße 99",
    "Neue Gasheizung zum Sonderpreis! Nur diesen Monat 20 % Rabatt.",
    contact=("Vertrieb", "angebote@heizung-discount.example.org")),
    "Werbung für ein Unternehmen, keine Initiative.")

# --------------------------------------------------------------------------------------------
# Events (Termintipps)
# --------------------------------------------------------------------------------------------

FREE, DONATION = "kostenlos", "Spende erbeten"
ONLINE = "https://meet.example.org/"
REGISTER = "https://anmeldung.example.org/"

EVENTS = [
    # Recurring
    ev("Abholung und Verteilung am Fairteiler", ["foodsharing"], ("week", -20, TU, "17:00", 60),
       """
       Jeden Dienstag bringen Foodsaver:innen gerettetes Brot, Obst und Gemüse vom Wochenmarkt
       zum Fairteiler. Kommen Sie vorbei und nehmen Sie mit, was Sie brauchen, oder helfen Sie
       beim Einräumen.
       """, by="Foodsharing Rüsselsheim",
       at=("Innenstadt", "Stadtkirchenplatz 2 (Fairteiler am Gemeindehaus)"), cost=FREE,
       access="Stufenloser Zugang über den Seiteneingang.", repeat="FREQ=WEEKLY;BYDAY=TU"),
    ev("Repair-Café", ["repair-cafe"], ("nth", -8, 1, SA, "10:00", 240),
       """
       Reparieren statt wegwerfen: Bringen Sie kaputte Elektrogeräte, Fahrräder, Kleidung oder
       Spielzeug mit. Unsere Ehrenamtlichen reparieren **gemeinsam mit Ihnen**. Letzte
       Annahme um 13 Uhr.
       """, by="Repair-Café Rüsselsheim", cost=DONATION, repeat="FREQ=MONTHLY;BYDAY=1SA"),
    ev("Klimastammtisch", ["klimagruppe"], ("nth", -10, 2, WE, "19:00", 120),
       """
       Der monatliche Stammtisch von RüsselsheimZero: Neuigkeiten vom Klimaaktionsplan,
       Berichte aus den Initiativen und Zeit zum Kennenlernen. Neue Gesichter sind immer
       willkommen.
       """, by="RüsselsheimZero",
       at=("Innenstadt", "Mainstraße 12 (Gaststätte Zum Löwen, Nebenraum)"),
       access="Der Nebenraum ist stufenlos erreichbar; das WC nicht.",
       repeat="FREQ=MONTHLY;BYDAY=2WE"),
    ev("Critical Mass", ["mobilitaet"], ("nth", -12, -1, FR, "18:00", 90),
       """
       Gemeinsam radeln wir am letzten Freitag im Monat durch Rüsselsheim. Treffpunkt 18 Uhr,
       Abfahrt 18:15 Uhr. Licht am Rad nicht vergessen!
       """, by="Critical Mass Rüsselsheim", cost=FREE,
       access="Die Runde ist flach und langsam; Handbikes und Dreiräder fahren mit.",
       repeat="FREQ=MONTHLY;BYDAY=-1FR"),
    ev("Offene Fahrradwerkstatt", ["repair-cafe", "mobilitaet"], ("week", -30, TH, "17:00", 180),
       """
       Werkzeug, Montageständer und Rat für Ihr Fahrrad. Sie reparieren selbst, wir helfen.
       Ersatzteile zum Selbstkostenpreis.
       """, by="Fahrrad-Selbsthilfewerkstatt Kettenblatt", cost=DONATION,
       repeat="FREQ=WEEKLY;BYDAY=TH"),
    ev("Balkonsolar-Sprechstunde online", ["energiegenossenschaft", "bildung"],
       ("nth", -5, 1, MO, "19:00", 60),
       """
       Welches Steckersolargerät passt an meinen Balkon? Was sagt der Vermieter? Wie melde ich
       es an? Ihre Fragen, unsere Antworten, eine Stunde lang per Videokonferenz.
       """, by="Balkonsolar Rüsselsheim", at=None, online=ONLINE + "balkonsolar",
       cost=FREE, access="Mit Untertiteln; Fragen auch im Chat.",
       repeat="FREQ=MONTHLY;BYDAY=1MO"),
    ev("Kurs: Energie sparen im Haushalt", ["bildung"], ("week", 2, TU, "18:30", 135),
       """
       Vier Abende, an denen Sie lernen, wo in Ihrem Haushalt Energie verloren geht, wie Sie
       Heizung und Warmwasser richtig einstellen und welche Förderung es gibt. Mit
       Strommessgeräten zum Ausleihen.
       """, by="Volkshochschule Mainspitze",
       at=("Innenstadt", "Am Treff 1 (Volkshochschule Mainspitze, Raum 2.04)"),
       cost="48 € (ermäßigt 24 €)", register=REGISTER + "vhs-energie-sparen",
       access=STEP_FREE + " Induktionsschleife im Raum.", repeat="FREQ=WEEKLY;COUNT=4"),
    ev("Repair-Café Königstädten", ["repair-cafe"], ("nth", -3, 3, SA, "14:00", 180),
       """
       Das Repair-Café im Gemeindehaus Königstädten: Toaster, Lampen, Radios und Kleidung
       reparieren wir gemeinsam.
       """, by="Repair-Café Königstädten", cost=DONATION, repeat="FREQ=MONTHLY;BYDAY=3SA"),
    ev("Nähcafé", ["repair-cafe", "tauschen-teilen"], ("week", -12, WE, "15:00", 180),
       """
       Fünf Nähmaschinen, eine Stoffkiste und erfahrene Näherinnen: Flicken, Kürzen und
       Umnähen lernen Sie hier nebenbei.
       """, by="Nähcafé Haßloch", cost=FREE, repeat="FREQ=WEEKLY;BYDAY=WE"),
    ev("Einführungstreffen für neue Foodsaver:innen", ["foodsharing"],
       ("nth", -4, 3, TH, "19:00", 90),
       """
       Wie funktioniert eine Abholung? Was darf in den Fairteiler? Beim Einführungstreffen
       erfahren Sie alles, was Sie zum Lebensmittelretten brauchen.
       """, by="Foodsharing Rüsselsheim",
       at=("Innenstadt", "Löwenplatz 5 (Stadtteilzentrum, Raum 3)"), cost=FREE,
       access=STEP_FREE, repeat="FREQ=MONTHLY;BYDAY=3TH"),
    ev("Klimacafé", ["klimagruppe", "bildung"], ("nth", -6, 3, FR, "15:00", 120),
       """
       Heizkosten, Schimmel, Hitze in der Wohnung: Bei Kaffee und Tee tauschen sich
       Mieter:innen aus, einmal im Monat mit einem Gast aus der Energieberatung.
       """, by="Klimacafé Haßloch-Nord", cost=FREE, repeat="FREQ=MONTHLY;BYDAY=3FR"),

    # All day
    ev("Aktionstag Klimaschutz auf dem Marktplatz", ["klimagruppe", "bildung"],
       ("week", 6, SA, None, 1),
       """
       Initiativen, Vereine und die Stadt zeigen, was in Rüsselsheim für den Klimaschutz
       passiert: mit Infoständen, Lastenrad-Probefahrten, einem Repair-Stand, Kinderprogramm
       und Suppe aus geretteten Lebensmitteln.
       """, by="Lokale Agenda 21 Rüsselsheim",
       at=("Innenstadt", "Marktplatz"), cost=FREE,
       access="Ebenerdiger Platz; barrierefreies WC im Rathaus.", all_day=True),
    ev("Stadtradeln-Start", ["mobilitaet"], ("week", 10, SU, None, 1),
       """
       Auftakt zu drei Wochen Stadtradeln: Sternfahrt aus allen Stadtteilen zum Marktplatz,
       Registrierung der Teams, Fahrrad-Check und Musik.
       """, by="Fahrradinitiative Rüsselsheim e. V.", at=("Innenstadt", "Marktplatz"),
       cost=FREE, register=REGISTER + "stadtradeln", all_day=True),
    ev("Stadtradeln Rüsselsheim: drei Wochen Radeln fürs Klima", ["mobilitaet"],
       ("week", 10, SU, None, 21),
       """
       Drei Wochen lang sammeln Teams aus Schulen, Vereinen, Betrieben und Nachbarschaften
       Radkilometer für Rüsselsheim. Jeder Kilometer zählt, auch der zum Bäcker.
       """, by="Stadtverwaltung Rüsselsheim am Main", at=None,
       online="https://stadtradeln.example.org/ruesselsheim", cost=FREE,
       register=REGISTER + "stadtradeln", all_day=True),
    ev("Klimaaktionstag an der Gesamtschule Mainufer", ["bildung"], ("week", 4, FR, None, 1),
       """
       Statt Unterricht: Workshops zu Ernährung, Energie und Mobilität, eine Podiumsdiskussion
       mit Stadtverordneten und am Nachmittag ein offenes Schulfest für die Nachbarschaft.
       """, by="Gesamtschule Mainufer", at=("Eselswiese", "Am Mainufer 20"), cost=FREE,
       access="Alle Räume über Aufzug erreichbar.", all_day=True),
    ev("Wintervögel zählen", ["naturschutz"], ("week", 7, FR, None, 3),
       """
       Ein Wochenende lang zählen alle, die mögen, eine Stunde lang die Vögel im Garten, auf
       dem Balkon oder im Park und melden sie online. Zählkarten gibt es im Vereinsgelände
       und in der Stadtbücherei.
       """, by="Vogel- und Naturschutzgruppe Mainspitze e. V.", at=None,
       online="https://voegel-zaehlen.example.org", cost=FREE, all_day=True),

    # Online
    ev("Webinar: Wärmepumpe im Altbau – geht das?", ["bildung", "energiegenossenschaft"],
       ("week", 3, WE, "18:00", 90),
       """
       Eine Energieberaterin erklärt, wann sich eine Wärmepumpe im Altbau lohnt, welche
       Vorlauftemperatur sie braucht und welche Förderung es gibt. Mit viel Zeit für Fragen.
       """, by="Verbraucher- und Energieberatung Kreis Groß-Gerau", at=None,
       online=ONLINE + "waermepumpe-altbau", cost=FREE,
       register=REGISTER + "waermepumpe", access="Mit Live-Untertiteln."),
    ev("Online-Infoabend: Mitglied werden in der Bürgerenergie", ["energiegenossenschaft"],
       ("week", 5, TH, "19:00", 60),
       """
       Wie funktioniert eine Energiegenossenschaft? Was passiert mit meinem Anteil? Der
       Vorstand stellt die laufenden Projekte vor und beantwortet Ihre Fragen.
       """, by="Bürgerenergie Mainspitze eG", at=None,
       online=ONLINE + "buergerenergie-info", cost=FREE),
    ev("Online-Treffen mit Gast: Wie sprechen wir mit Kindern über die Klimakrise?",
       ["klimagruppe", "bildung"], ("week", 5, TH, "20:30", 90),
       """
       Eine Familientherapeutin spricht über Klimasorgen bei Kindern und Jugendlichen und wie
       Eltern darauf eingehen können. Danach Austausch in kleinen Gruppen.
       """, by="Parents for Future Rüsselsheim", at=None,
       online=ONLINE + "parents-for-future", cost=FREE),
    ev("Online-Vortrag: Die kommunale Wärmeplanung für Rüsselsheim", ["energiegenossenschaft"],
       ("week", 8, TU, "19:00", 90),
       """
       Wo kommt ein Wärmenetz hin, wo bleibt es bei der Einzelheizung? Die Stadtwerke stellen
       den Entwurf der Wärmeplanung vor und nehmen Hinweise auf.
       """, by="Stadtwerke Rüsselsheim GmbH", at=None, online=ONLINE + "waermeplanung",
       cost=FREE, register=REGISTER + "waermeplanung",
       access="Mit Gebärdensprachdolmetschung und Live-Untertiteln."),

    # Past
    ev("Klimafest im Verna-Park", ["klimagruppe"], ("week", -6, SA, None, 1),
       """
       Das Klimafest der Initiativen mit Musik, Kleidertausch, Lastenrad-Parcours und einem
       Picknick aus geretteten Lebensmitteln.
       """, by="RüsselsheimZero", at=("Innenstadt", "Verna-Park"), cost=FREE, all_day=True),
    ev("Vortrag: Hitze in der Stadt", ["bildung"], ("week", -3, TH, "19:00", 90),
       """
       Die Klimawerkstatt zeigt Messungen aus dem vergangenen Sommer: Wo wird es in
       Rüsselsheim am heißesten, und was hilft dagegen?
       """, by="Klimawerkstatt an der Hochschule", cost=FREE),
    ev("Pflanzaktion: zwölf neue Obstbäume", ["naturschutz", "gemeinschaftsgarten"],
       ("week", -4, SA, "10:00", 240),
       """
       Zwölf Hochstämme alter Sorten kommen in die Lücken der Streuobstwiese. Spaten und
       Handschuhe sind da, Suppe gibt es mittags.
       """, by="Streuobstwiese Königstädten", cost=FREE),
    ev("Kidical Mass: Herbstrunde", ["mobilitaet"], ("week", -8, SU, "14:00", 90),
       """
       Rund 250 Kinder und Eltern radelten von der Grundschule Sonnenwiese in die Innenstadt.
       """, by="Kidical Mass Rüsselsheim", cost=FREE),
    ev("Verschenkmarkt im Herbst", ["tauschen-teilen"], ("week", -2, SA, "10:00", 240),
       """
       Geschirr, Spielzeug, Bücher und Kleinmöbel wechselten kostenlos die Besitzer:innen.
       """, by="Verschenkmarkt Dicker Busch", cost=FREE),
    ev("Infoabend Nahwärme Königstädten", ["energiegenossenschaft"],
       ("week", -1, TU, "19:30", 120),
       """
       Erster Zwischenstand der Machbarkeitsstudie, vorgestellt von den Stadtwerken.
       """, by="Nahwärme Königstädten", cost=FREE),

    # Upcoming, once
    ev("Gartentreff mit Kompost-Workshop", ["gemeinschaftsgarten"], ("week", 1, SA, "10:00", 180),
       """
       Wie wird aus Küchenabfällen gute Erde? Wir setzen gemeinsam einen neuen Komposthaufen
       auf und zeigen, was hineindarf. Danach gibt es Tee am Gartenhaus.
       """, by="Gemeinschaftsgarten Wurzelwerk", cost=FREE),
    ev("Hochbeete winterfest machen", ["gemeinschaftsgarten"], ("week", 1, SU, "11:00", 120),
       """
       Mulchen, Gründüngung säen, Kräuter schützen: Wir machen die Hochbeete am Marktplatz
       fit für die kalte Jahreszeit. Handschuhe mitbringen.
       """, by="Essbare Stadt Rüsselsheim", cost=FREE),
    ev("Lastenrad-Probefahrt und Einweisung", ["lastenrad", "mobilitaet"],
       ("week", 2, SA, "11:00", 120),
       """
       Sie wollten schon immer einmal Lastenrad fahren? Bei uns können Sie alle drei Räder
       ausprobieren und bekommen die Einweisung für die Ausleihe gleich mit.
       """, by="Freies Lastenrad Rüsselrad", cost=FREE),
    ev("Arbeitseinsatz im Naschgarten", ["gemeinschaftsgarten"], ("week", 2, SA, "10:00", 180),
       """
       Beerensträucher schneiden, Mulch verteilen, Zaun ausbessern. Werkzeug ist da.
       """, by="Naschgarten Bauschheim", cost=FREE),
    ev("Nistkastenbau für Familien", ["naturschutz", "bildung"], ("week", 2, SA, "14:00", 150),
       """
       Kinder bauen mit ihren Eltern einen Nistkasten für Meisen oder Spatzen und lernen, wo er
       am besten hängt. Material und Werkzeug stellen wir.
       """, by="Vogel- und Naturschutzgruppe Mainspitze e. V.", cost="5 € pro Nistkasten",
       register=REGISTER + "nistkasten"),
    ev("Vortrag: Was bringt der Klimaaktionsplan?", ["klimagruppe", "bildung"],
       ("week", 2, TH, "19:00", 90),
       """
       Welche Maßnahmen hat Rüsselsheim beschlossen, welche laufen, welche hängen fest?
       RüsselsheimZero stellt den aktuellen Stand vor, mit Zeit für Fragen an die
       Klimaschutzmanagerin.
       """, by="RüsselsheimZero", cost=FREE),
    ev("Elternabend zum Laufbus", ["bildung", "mobilitaet"], ("week", 2, WE, "19:00", 60),
       """
       Die Klima-AG stellt den Laufbus vor: Kinder gehen in Gruppen mit festen Haltestellen zu
       Fuß zur Schule. Wir suchen Eltern, die mitlaufen.
       """, by="Klima-AG der Grundschule Sonnenwiese", cost=FREE),
    ev("Radtour zu Problemstellen in Haßloch", ["mobilitaet"], ("week", 3, SA, "14:00", 120),
       """
       Wir fahren gemeinsam die Stellen ab, die im Fahrradklima-Check am schlechtesten
       abgeschnitten haben, und sammeln Vorschläge für die Abteilung Mobilität.
       """, by="Fahrradinitiative Rüsselsheim e. V.",
       at=("Haßloch", "Treffpunkt: Haltestelle Haßloch Mitte"), cost=FREE),
    ev("Spurensuche im Winterwald", ["naturschutz", "bildung"], ("week", 3, SA, "14:00", 150),
       """
       Wer war hier unterwegs? Die Naturschutzjugend sucht Tierspuren, Fraßspuren und
       Gewölle im Königstädter Wald. Für Kinder von 8 bis 14 Jahren.
       """, by="Naturschutzjugend Mainspitze",
       at=("Königstädten", "Treffpunkt: Parkplatz Waldstraße"), cost=FREE,
       access="Waldwege, nicht barrierefrei."),
    ev("Thermografie-Spaziergang: Wo verliert mein Haus Wärme?", ["bildung"],
       ("week", 3, TU, "18:00", 90),
       """
       Mit der Wärmebildkamera durch den alten Ortskern: Eine Energieberaterin zeigt, wo
       Häuser Wärme verlieren und was eine Sanierung bringt.
       """, by="Energieberatung im Rathaus",
       at=("Königstädten", "Treffpunkt: Kirchstraße 7"), cost=FREE,
       register=REGISTER + "thermografie"),
    ev("Filmabend: „Tomorrow“ mit Diskussion", ["klimagruppe", "bildung"],
       ("week", 3, FR, "19:30", 150),
       """
       Der Dokumentarfilm über Menschen, die weltweit Lösungen für die Klimakrise ausprobieren.
       Danach sprechen wir darüber, was davon in Rüsselsheim schon läuft.
       """, by="Lokale Agenda 21 Rüsselsheim",
       at=("Innenstadt", "Marktstraße 7 (Programmkino Rex)"), cost="5 €",
       access="Rollstuhlplätze in der ersten Reihe; bitte vorher Bescheid geben."),
    ev("Carsharing kennenlernen", ["mobilitaet", "tauschen-teilen"],
       ("week", 3, SU, "15:00", 120),
       """
       Wie funktioniert Nachbarschafts-Carsharing? Schauen Sie sich die Autos an, machen Sie
       eine Probefahrt mit dem E-Auto und rechnen Sie nach, was Sie sparen.
       """, by="Carsharing-Verein Mainspitze teilt", cost=FREE),
    ev("Fahrrad-Codierung", ["mobilitaet"], ("week", 4, SA, "10:00", 240),
       """
       Ein eingravierter Code schützt Ihr Fahrrad vor Diebstahl. Bitte Personalausweis und
       Kaufbeleg mitbringen.
       """, by="Fahrradhaus Mainspitze",
       at=("Innenstadt", "Frankfurter Straße 52 (Fahrradhaus Mainspitze)"), cost="10 €"),
    ev("Kidical Mass: Lichterfahrt", ["mobilitaet"], ("week", 4, SU, "14:00", 90),
       """
       Mit bunten Lichtern an Rad, Helm und Anhänger fahren wir gemeinsam durch die Stadt und
       zeigen: Kinder brauchen sichere Radwege. Begleitet von der Polizei.
       """, by="Kidical Mass Rüsselsheim", cost=FREE),
    ev("Heizkosten-Sprechstunde im Stadtteil", ["bildung"], ("week", 4, WE, "16:00", 120),
       """
       Ihre Heizkostenabrechnung ist gestiegen? Eine Energieberaterin schaut sie sich mit Ihnen
       an und gibt Tipps, wie Sie sparen können.
       """, by="Verbraucher- und Energieberatung Kreis Groß-Gerau",
       at=("Haßloch", "Virchowstraße 9 (Gemeinschaftsraum)"), cost=FREE,
       access=STEP_FREE),
    ev("Tauschtreffen", ["tauschen-teilen"], ("week", 4, SU, "15:00", 120),
       """
       Mitglieder und Interessierte treffen sich, tauschen Angebote und Gesuche aus und
       lernen sich bei Kaffee und Kuchen kennen.
       """, by="Tauschring Mainspitze",
       at=("Bauschheim", "Rüsselsheimer Straße 88 (Bürgerhaus, Clubraum)"), cost=FREE,
       access=STEP_FREE),
    ev("Stadtspaziergang: Klimaanpassung in der Innenstadt", ["naturschutz", "bildung"],
       ("week", 4, SA, "15:00", 90),
       """
       Wo ist die Innenstadt im Sommer zu heiß, wo versickert kein Regen? Wir zeigen Beispiele
       für Entsiegelung, Fassadengrün und Bäume, die Schatten spenden.
       """, by="Umweltverband Ortsgruppe Rüsselsheim e. V.",
       at=("Innenstadt", "Treffpunkt: Marktplatz, am Brunnen"), cost=FREE,
       access="Der Rundgang ist ebenerdig, etwa 2 km lang."),
    ev("Infostand auf dem Wochenmarkt", ["klimagruppe"], ("week", 4, SA, "09:00", 240),
       """
       Schüler:innen fürs Klima informieren über ihre Forderungen an die Stadt und sammeln
       Unterschriften für sichere Schulwege.
       """, by="Schüler:innen fürs Klima Rüsselsheim",
       at=("Innenstadt", "Marktplatz (Wochenmarkt)")),
    ev("Schöpfungsgottesdienst mit Klimacafé", ["klimagruppe"], ("week", 5, SU, "10:00", 150),
       """
       Ein Gottesdienst zum Thema Bewahrung der Schöpfung, anschließend fair gehandelter
       Kaffee und Gespräche im Gemeindehaus.
       """, by="Schöpfung bewahren: Umweltgruppe der Stadtkirchengemeinde",
       at=("Innenstadt", "Stadtkirchenplatz 1 (Stadtkirche)"),
       access="Die Kirche ist über eine Rampe zugänglich, Induktionsschleife vorhanden."),
    ev("Lötkurs für Einsteiger:innen", ["repair-cafe", "bildung"], ("week", 5, SA, "14:00", 180),
       """
       Lötkolben halten, Kabel verbinden, Platinen reparieren: In drei Stunden lernen Sie die
       Grundlagen und löten ein kleines Blinklicht.
       """, by="Repair-Café Rüsselsheim", cost="5 €", register=REGISTER + "loetkurs"),
    ev("Exkursion: Wintergäste am Main", ["naturschutz"], ("week", 5, SU, "09:00", 150),
       """
       Gänsesäger, Schellente, Kormoran: Im Winter rasten viele Wasservögel am Main. Ferngläser
       können ausgeliehen werden.
       """, by="Vogel- und Naturschutzgruppe Mainspitze e. V.",
       at=("Eselswiese", "Treffpunkt: Mainuferweg an der Festung"), cost=FREE,
       access="Befestigter, ebener Uferweg."),
    ev("Strommessgeräte-Sprechstunde", ["bildung", "tauschen-teilen"],
       ("week", 5, SA, "11:00", 120),
       """
       Welches Gerät frisst heimlich Strom? Wir zeigen, wie die Messgeräte aus der Bibliothek
       der Dinge funktionieren, und Sie nehmen eines gleich mit nach Hause.
       """, by="Bibliothek der Dinge", cost=FREE),
    ev("Neuentreffen bei RüsselsheimZero", ["klimagruppe"], ("week", 6, TU, "19:00", 90),
       """
       Sie möchten mitmachen, wissen aber nicht, wo? Wir stellen unsere AGs vor und finden
       gemeinsam heraus, was zu Ihnen passt.
       """, by="RüsselsheimZero", cost=FREE),
    ev("Auswertung des Fahrradklima-Checks", ["mobilitaet"], ("week", 6, MO, "19:00", 120),
       """
       Über 600 Rüsselsheimer:innen haben mitgemacht. Wir stellen die Ergebnisse vor und
       beraten, welche Forderungen wir an die Stadt richten.
       """, by="Fahrradinitiative Rüsselsheim e. V.", cost=FREE),
    ev("Balkonsolar-Montagetreff", ["energiegenossenschaft"], ("week", 6, SA, "10:00", 180),
       """
       Sie haben ein Steckersolargerät, trauen sich aber nicht an die Montage? Wir helfen
       beim Anbringen der Halterung und beim Anschließen.
       """, by="Balkonsolar Rüsselsheim", cost=FREE, register=REGISTER + "balkonsolar-montage"),
    ev("Foodsharing-Brunch", ["foodsharing"], ("week", 6, SU, "11:00", 180),
       """
       Ein Brunch nur aus geretteten Lebensmitteln: Kommen Sie hungrig, bringen Sie Geschirr
       mit und lernen Sie die Foodsaver:innen kennen.
       """, by="Foodsharing Rüsselsheim",
       at=("Innenstadt", "Löwenplatz 5 (Stadtteilzentrum, Saal)"), cost=DONATION,
       access=STEP_FREE),
    ev("Lastenrad-Pflegetag", ["lastenrad"], ("week", 7, SA, "10:00", 240),
       """
       Ketten ölen, Bremsen prüfen, Plane flicken: Die Räder brauchen Pflege. Vorkenntnisse
       sind nicht nötig.
       """, by="Freies Lastenrad Rüsselrad", cost=FREE),
    ev("Besichtigung: Solaranlage auf dem Gemeindehaus", ["energiegenossenschaft"],
       ("week", 7, SA, "11:00", 90),
       """
       Die neueste Anlage der Bürgerenergie: 60 kWp auf dem Dach des Gemeindehauses. Wir zeigen
       Wechselrichter, Zähler und die Live-Anzeige.
       """, by="Bürgerenergie Mainspitze eG",
       at=("Innenstadt", "Stadtkirchenplatz 2 (Gemeindehaus)"), cost=FREE,
       access="Der Technikraum liegt im Keller und ist nur über eine Treppe erreichbar."),
    ev("Hitzeplan für die Innenstadt: Ergebnisse", ["bildung", "klimagruppe"],
       ("week", 7, TH, "18:00", 90),
       """
       Studierende stellen ihren Entwurf eines Hitzeaktionsplans vor: kühle Orte, Trinkbrunnen,
       Schattenwege. Ihre Hinweise fließen in die Endfassung ein.
       """, by="Klimawerkstatt an der Hochschule", cost=FREE),
    ev("Interkulturelles Kochen: Wintergemüse aus aller Welt", ["gemeinschaftsgarten"],
       ("week", 7, FR, "17:00", 180),
       """
       Kohl, Rüben und Kürbis aus dem Garten, zubereitet nach Rezepten aus Syrien, der Türkei
       und Eritrea. Alle kochen mit, alle essen mit.
       """, by="Interkultureller Garten Dicker Busch", cost=DONATION,
       at=("Dicker Busch", "Waldweg 41 (Stadtteilzentrum, Küche)"), access=STEP_FREE),
    ev("Jahresempfang des Klimabündnisses", ["klimagruppe"], ("week", 7, FR, "18:00", 150),
       """
       Initiativen, Verwaltung und Stadtgesellschaft blicken auf das Jahr zurück und nach vorn.
       Mit Grußwort der Oberbürgermeisterin und Ehrung engagierter Menschen.
       """, by="RüsselsheimZero",
       at=("Innenstadt", "Marktplatz 4 (Rathaus, Foyer)"), cost=FREE,
       register=REGISTER + "jahresempfang", access=STEP_FREE),
    ev("Schrauber-Nachmittag für Kinder", ["repair-cafe", "mobilitaet"],
       ("week", 8, SA, "14:00", 180),
       """
       Kinder ab 8 Jahren lernen, einen Schlauch zu flicken, die Kette zu ölen und die Bremsen
       einzustellen, am eigenen Rad.
       """, by="Fahrrad-Selbsthilfewerkstatt Kettenblatt", cost=FREE,
       register=REGISTER + "kinderwerkstatt"),
    ev("Obstbaumschnitt-Kurs", ["naturschutz", "gemeinschaftsgarten"],
       ("week", 8, SA, "10:00", 240),
       """
       Theorie am Vormittag, Praxis an den Bäumen der Streuobstwiese. Bringen Sie, wenn
       vorhanden, eine Baumschere mit.
       """, by="Streuobstwiese Königstädten", cost=DONATION,
       register=REGISTER + "obstbaumschnitt"),
    ev("Infoabend Nahwärme: Ergebnisse der Machbarkeitsstudie", ["energiegenossenschaft"],
       ("week", 9, TU, "19:30", 120),
       """
       Die Machbarkeitsstudie ist fertig. Was kostet der Anschluss, wann könnte gebaut werden,
       wie viele Häuser müssen mitmachen?
       """, by="Nahwärme Königstädten", cost=FREE),
    ev("Klimastreik: Demo durch die Innenstadt", ["klimagruppe"], ("week", 9, FR, "12:00", 150),
       """
       Wir gehen auf die Straße für einen konsequenten Klimaaktionsplan. Auftakt am Bahnhof,
       Abschlusskundgebung am Rathaus.
       """, by="Schüler:innen fürs Klima Rüsselsheim",
       at=("Innenstadt", "Treffpunkt: Bahnhofsplatz"),
       access="Die Route ist ebenerdig; ein Lautsprecherwagen fährt mit."),
    ev("Einsteigerkurs Imkerei: Infoabend", ["naturschutz", "bildung"],
       ("week", 9, TH, "19:00", 90),
       """
       Was braucht man, um Bienen zu halten? Wie viel Zeit kostet es? Am Infoabend stellen wir
       den Kurs vor, der im Frühjahr beginnt.
       """, by="Stadtimkerei Mainufer", cost=FREE),
    ev("Ausgabe der Sammelbestellung Steckersolar", ["energiegenossenschaft"],
       ("week", 9, SA, "10:00", 180),
       """
       Wer bei der Sammelbestellung mitgemacht hat, holt hier sein Steckersolargerät ab.
       Bitte Bestellnummer mitbringen.
       """, by="Balkonsolar Rüsselsheim",
       at=("Berliner Viertel", "Königsberger Straße 11 (Hof)")),
    ev("Saatgut-Tausch und Gärtnerstammtisch", ["tauschen-teilen", "gemeinschaftsgarten"],
       ("week", 9, SU, "14:00", 180),
       """
       Bringen Sie eigenes Saatgut mit und tauschen Sie es gegen neue Sorten. Dazu gibt es
       Tipps zur Aussaat auf der Fensterbank.
       """, by="Saatgut-Tauschbox Königstädten",
       at=("Königstädten", "Kirchstraße 7 (Gemeindehaus)"), cost=FREE,
       access="Der Saal ist über eine Rampe erreichbar."),
    ev("Baumscheiben-Aktion im Berliner Viertel", ["naturschutz"],
       ("week", 10, SA, "10:00", 180),
       """
       Wir lockern die Baumscheiben entlang der Berliner Straße, säen Blumen ein und hängen
       Gießsäcke auf. Die Stadt stellt Werkzeug.
       """, by="Baumpat:innen Rüsselsheim", cost=FREE),
    ev("Resteküche: Kochen mit geretteten Lebensmitteln", ["foodsharing"],
       ("week", 10, FR, "17:00", 150),
       """
       Was im Fairteiler übrig bleibt, wird gemeinsam gekocht. Rezepte gibt es zum Mitnehmen.
       """, by="Fairteiler Campus", cost=DONATION),
    ev("VHS-Reihe Klimafit: Info-Abend zur neuen Runde", ["bildung"],
       ("week", 10, TU, "18:30", 60),
       """
       Die nächste Runde von Klimafit beginnt bald. Wir stellen Themen, Referent:innen und das
       Abschlussprojekt vor.
       """, by="VHS-Reihe Klimafit", cost=FREE, register=REGISTER + "klimafit"),
    ev("Tag der offenen Tür im Heizkraftwerk", ["energiegenossenschaft", "bildung"],
       ("week", 11, SA, "10:00", 360),
       """
       Führungen durch das Heizkraftwerk, die neue Großwärmepumpe und den Wärmespeicher.
       Führungen beginnen stündlich, Dauer etwa 45 Minuten.
       """, by="Stadtwerke Rüsselsheim GmbH",
       at=("Innenstadt", "Walter-Flex-Straße 74 (Heizkraftwerk)"), cost=FREE,
       access="Die Führung durch das Kraftwerk hat Treppen; eine barrierefreie Route zum "
              "Wärmespeicher ist ausgeschildert."),
    ev("Energie-Scouts: Projektpräsentation", ["bildung"], ("week", 11, WE, "10:00", 150),
       """
       Auszubildende stellen vor, wie viel Energie sie in ihren Betrieben eingespart haben.
       Die drei besten Projekte werden ausgezeichnet.
       """, by="Energie-Scouts der Beruflichen Schulen", cost=FREE),
    ev("Mitgliederversammlung der Bürgerenergie", ["energiegenossenschaft"],
       ("week", 11, TH, "19:00", 150),
       """
       Jahresabschluss, Dividende und neue Projekte. Nur Mitglieder sind stimmberechtigt,
       Gäste sind willkommen.
       """, by="Bürgerenergie Mainspitze eG",
       at=("Innenstadt", "Marktplatz 4 (Rathaus, Großer Sitzungssaal)"), access=STEP_FREE),
    ev("Helfer:innen-Treffen vor der Krötensaison", ["naturschutz"],
       ("week", 12, TH, "19:00", 90),
       """
       Bald wandern die Kröten wieder. Wir verteilen die Schichten für den Schutzzaun und
       erklären, wie man die Tiere richtig trägt.
       """, by="Amphibienschutz Königstädter Wald",
       at=("Königstädten", "Kirchstraße 7 (Gemeindehaus)"), cost=FREE,
       access="Der Saal ist über eine Rampe erreichbar."),
    ev("Upcycling: Hochbeete aus Paletten", ["repair-cafe", "gemeinschaftsgarten"],
       ("week", 12, FR, "16:00", 180),
       """
       Aus alten Europaletten bauen wir Hochbeete für den Nachbarschaftsgarten. Sägen,
       schleifen, schrauben: alle können mitmachen.
       """, by="Upcycling-Werkstatt Hasengrund", cost=FREE),
]

# Published after a proposal from the public.
ACCEPTED_EVENT_PROPOSALS = [
    ("marie.eckert@example.org", ev(
        "Kleidertausch-Party", ["tauschen-teilen"], ("week", 3, SA, "14:00", 240),
        """
        Bringen Sie bis zu zehn gut erhaltene Kleidungsstücke mit und nehmen Sie mit, was
        Ihnen gefällt. Mit Umkleide, Spiegel und Musik.
        """, by="Kleidertausch Rüsselsheim",
        at=("Innenstadt", "Löwenplatz 5 (Stadtteilzentrum, Saal)"), cost=FREE,
        access=STEP_FREE)),
]

# Waiting for moderation.
EVENT_PROPOSALS = [
    ("t.winkler@example.org", ev(
        "Fledermaus-Abendspaziergang am Main", ["naturschutz"], ("week", 10, FR, "18:30", 90),
        """
        Mit einem Fledermausdetektor hören wir die Rufe der Tiere am Mainufer. Für Familien
        geeignet.
        """, by="Fledermausgruppe Mainspitze (in Gründung)",
        at=("Eselswiese", "Treffpunkt: Mainuferweg an der Festung"), cost=FREE)),
    ("kinderbasar.hassloch@example.org", ev(
        "Kinderkleider- und Spielzeugbasar", ["tauschen-teilen"], ("week", 8, SA, "10:00", 180),
        """
        Gebrauchte Kinderkleidung, Spielzeug und Bücher zu kleinen Preisen. Der Erlös geht an
        den Förderverein der Kita.
        """, by="Elternbeirat Kita Haßloch",
        at=("Haßloch", "Virchowstraße 15 (Kita Haßloch, Turnraum)"), cost=FREE)),
]

# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------

PAGES = [
    # slug, order, German title and text, English title and text ({slug}: the municipality's)
    ("ueber-das-buendnis", 1, "Über das Bündnis", """
        Im **Klimabündnis Rüsselsheim** arbeiten das Lokalteam RüsselsheimZero, die
        Stadtverwaltung mit ihrem Klimaschutzmanagement und über 40 Initiativen, Vereine,
        Schulen und Unternehmen zusammen. Unser gemeinsames Ziel: Rüsselsheim am Main soll
        **bis 2035 klimaneutral** werden.

        ## Was wir tun

        - Wir begleiten den Klimaaktionsplan der Stadt und berichten, was vorangeht und was
          hakt.
        - Wir machen sichtbar, wo Sie sich in Rüsselsheim schon heute engagieren können: auf der
          [Mitmachkarte](/{slug}/mitmachen/) und in den [Termintipps](/{slug}/termine/).
        - Wir laden zweimal im Jahr zum Runden Tisch Klimaschutz ein, an dem Stadtgesellschaft,
          Wirtschaft und Verwaltung beraten.

        ## Wer dahintersteht

        Das Bündnis ist offen für alle, die in Rüsselsheim für Klimaschutz anpacken. Es gibt
        keine Mitgliedsbeiträge; die Plattform betreibt das Lokalteam RüsselsheimZero.
        """, "About the alliance", """
        In the **Rüsselsheim climate alliance**, the local team RüsselsheimZero, the city
        administration with its climate protection management and more than 40 initiatives,
        associations, schools and businesses work together. Our shared goal: Rüsselsheim am
        Main should become **climate-neutral by 2035**.

        ## What we do

        - We follow the city's climate action plan and report what moves forward and what is
          stuck.
        - We show where you can get involved in Rüsselsheim today: on the
          [map of initiatives](/{slug}/mitmachen/) and in the [events](/{slug}/termine/).
        - Twice a year we invite civil society, business and administration to the round table
          on climate protection.

        ## Who we are

        The alliance is open to everyone who wants to act on climate in Rüsselsheim. There are
        no membership fees; the local team RüsselsheimZero runs this platform.
        """),
    ("mitmachen", 2, "Mitmachen", """
        Klimaschutz in Rüsselsheim lebt davon, dass viele mitmachen. So finden Sie Ihren Platz:

        1. **Stöbern:** Auf der [Mitmachkarte](/{slug}/mitmachen/) finden Sie Gemeinschaftsgärten,
           Repair-Cafés, Lastenräder, Fairteiler, Klimagruppen und vieles mehr, nach Kategorie
           und Stadtteil.
        2. **Vorbeikommen:** In den [Termintipps](/{slug}/termine/) stehen offene Treffen,
           Workshops und Aktionen. Die meisten sind kostenlos und ohne Anmeldung.
        3. **Kontakt aufnehmen:** Jede Initiative erreichen Sie über ihr Kontaktformular. Ihre
           Nachricht wird weitergeleitet; die Initiative antwortet Ihnen direkt.

        ## Ihre Initiative fehlt?

        Schlagen Sie sie auf der Mitmachkarte vor, ebenso Ihre Veranstaltung bei den
        Termintipps. Das Bündnis prüft jeden Vorschlag, bevor er erscheint, meist innerhalb
        weniger Tage. Mit dem Link, den Sie per E-Mail erhalten, können Sie Ihren Eintrag später
        selbst ändern.
        """, "Get involved", """
        Climate action in Rüsselsheim needs many hands. This is how to find your place:

        1. **Browse:** The [map of initiatives](/{slug}/mitmachen/) shows community gardens,
           repair cafés, cargo bikes, food-sharing points, climate groups and more, by category
           and district.
        2. **Drop by:** The [events](/{slug}/termine/) list open meetings, workshops and
           actions. Most are free and need no registration.
        3. **Get in touch:** Every initiative can be reached through its contact form. Your
           message is passed on; the initiative answers you directly.

        ## Your initiative is missing?

        Propose it on the map, and your event in the events list. The alliance checks every
        proposal before it appears, usually within a few days. With the link you receive by
        e-mail you can change your entry yourself later.
        """),
    ("datenschutz-hinweise", 3, "Datenschutz-Hinweise", """
        Diese Hinweise ergänzen die Datenschutzerklärung der Plattform für die Mitmachkarte,
        die Termintipps und die Kontaktformulare.

        ## Vorschläge für Initiativen und Termine

        Wenn Sie eine Initiative oder einen Termin vorschlagen, speichern wir die Angaben zum
        Eintrag und, falls Sie sie angeben, Ihre E-Mail-Adresse. Die Adresse nutzen wir nur, um
        Ihnen den Link zum Bearbeiten zu schicken und Sie über die Entscheidung zu informieren.
        Sie erscheint nie öffentlich. Rechtsgrundlage ist Art. 6 Abs. 1 lit. a DSGVO
        (Einwilligung).

        ## Kontaktformulare

        Nachrichten an eine Initiative leiten wir per E-Mail weiter und speichern sie nicht.
        Die Kontaktadresse der Initiative bleibt verborgen; sie sieht Ihre Adresse, um Ihnen
        zu antworten.

        ## Karte

        Die Kartenkacheln werden von einem Kartendienst geladen; dabei wird Ihre IP-Adresse
        an diesen Dienst übertragen. Die Liste neben der Karte funktioniert auch ohne.

        ## Ihre Rechte

        Sie können Auskunft, Berichtigung und Löschung Ihrer Daten verlangen. Wenden Sie sich
        dazu an das Bündnis über das Impressum.
        """, "Privacy notes", """
        These notes add to the platform's privacy policy for the map of initiatives, the events
        and the contact forms.

        ## Proposals for initiatives and events

        When you propose an initiative or an event, we store what you enter and, if you give
        it, your e-mail address. We use the address only to send you the link to edit your entry
        and to tell you our decision. It is never shown publicly. Legal basis: Art. 6(1)(a)
        GDPR (consent).

        ## Contact forms

        Messages to an initiative are forwarded by e-mail and not stored. The initiative's
        contact address stays hidden; the initiative sees your address in order to reply.

        ## Map

        Map tiles are loaded from a map service, which receives your IP address. The list
        beside the map works without it.

        ## Your rights

        You may ask for access to, correction and erasure of your data. Please contact the
        alliance through the imprint.
        """),
]


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _nth_weekday(year, month, n, weekday):
    """The n-th `weekday` of the month (n = -1: the last), as in RFC 5545's BYDAY=1SA/-1FR."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = following - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _point(district, street):
    """A point in `district`, the same for the same street and number, so that entries at one
    address share a marker; spread up to about 300 m around the district's centre."""
    latitude, longitude = DISTRICTS[district]
    digest = hashlib.sha256(street.partition(" (")[0].encode()).digest()
    return (round(latitude + (digest[0] / 255 - 0.5) * 0.005, 6),
            round(longitude + (digest[1] / 255 - 0.5) * 0.007, 6))


def _address(street):
    return f"{street}, {PLACE}" if street else ""


class _Loader:
    def __init__(self, municipality, categories):
        self.municipality = municipality
        self.today = timezone.localdate()
        self.categories = {category.slug: category for category in categories}
        self.initiatives = {}
        self.actors = {actor.name: actor for actor in Actor.objects.filter(
            municipality=municipality, kind=ActorKind.ORGANISATION, erased_at__isnull=True)}

    def _categories(self, slugs):
        return [self.categories[slug] for slug in slugs if slug in self.categories]

    def initiative_fields(self, spec):
        fields = {
            "name": spec["name"], "description": spec["description"],
            "address": _address(spec["street"]), "website": spec["web"],
            "social_links": spec["social"], "opening_hours": spec["hours"],
            "how_to_join": spec["join"], "languages": spec["languages"],
            "accessibility": spec["access"], "contact_name": spec["contact"][0],
            "contact_email": spec["contact"][1],
        }
        if spec["district"]:
            fields["latitude"], fields["longitude"] = _point(spec["district"], spec["street"])
        return fields

    def initiative(self, spec, *, proposer=None):
        fields, categories = self.initiative_fields(spec), self._categories(spec["categories"])
        if proposer is None:
            entry = services.entry_create(model=Initiative, municipality=self.municipality,
                                          fields=fields, categories=categories)
        else:
            entry, _token = services.entry_propose(
                model=Initiative, municipality=self.municipality, fields=fields,
                categories=categories, proposer_email=proposer)
        self.initiatives[entry.name] = entry
        return entry

    def _times(self, when, all_day):
        if when[0] == "week":
            _kind, weeks, weekday, clock, length = when
            monday = self.today - datetime.timedelta(days=self.today.weekday())
            day = monday + datetime.timedelta(weeks=weeks, days=weekday)
        else:
            _kind, months, n, weekday, clock, length = when
            month = self.today.year * 12 + self.today.month - 1 + months
            day = _nth_weekday(month // 12, month % 12 + 1, n, weekday)
        if all_day:
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            if length == 1:
                return starts, None
            last = day + datetime.timedelta(days=length - 1)
            return starts, timezone.make_aware(datetime.datetime.combine(
                last, datetime.time(23, 59)))
        starts = timezone.make_aware(datetime.datetime.combine(
            day, datetime.time.fromisoformat(clock)))
        return starts, starts + datetime.timedelta(minutes=length)

    def event_fields(self, spec):
        starts, ends = self._times(spec["when"], spec["all_day"])
        fields = {
            "title": spec["title"], "description": spec["description"], "starts_at": starts,
            "ends_at": ends, "all_day": spec["all_day"], "recurrence": spec["repeat"],
            "online_url": spec["online"], "registration_url": spec["register"],
            "cost": spec["cost"], "accessibility": spec["access"],
        }
        organiser = spec["by"]
        if organiser in self.initiatives:
            fields["organiser_initiative"] = self.initiatives[organiser]
        elif organiser in self.actors:
            fields["organiser_actor"] = self.actors[organiser]
        else:
            fields["organiser_name"] = organiser
        if spec["at"] == "@":
            host = self.initiatives[organiser]
            fields.update(address=host.address, latitude=host.latitude,
                          longitude=host.longitude)
            fields["accessibility"] = fields["accessibility"] or host.accessibility
        elif spec["at"] is not None:
            district, street = spec["at"]
            fields["address"] = _address(street)
            fields["latitude"], fields["longitude"] = _point(district, street)
        return fields

    def event(self, spec, *, proposer=None):
        fields, categories = self.event_fields(spec), self._categories(spec["categories"])
        if proposer is None:
            return services.entry_create(model=Event, municipality=self.municipality,
                                         fields=fields, categories=categories)
        entry, _token = services.entry_propose(
            model=Event, municipality=self.municipality, fields=fields, categories=categories,
            proposer_email=proposer)
        return entry

    def load(self):
        for spec in INITIATIVES:
            self.initiative(spec)
        accepted = [services.entry_accept(entry=self.initiative(spec, proposer=email))
                    for email, spec in ACCEPTED_PROPOSALS]
        self.initiatives.update((entry.name, entry) for entry in accepted)
        changed = accepted[0]
        services.entry_propose_changes(entry=changed, version=changed.version,
                                       fields=PENDING_CHANGES,
                                       categories=list(changed.categories.all()))
        waiting = [self.initiative(spec, proposer=email) for email, spec in PROPOSALS]
        email, spec, note = REJECTED
        services.entry_reject(entry=self.initiative(spec, proposer=email), note=note,
                              notify=False)
        self.initiatives.pop(spec["name"])

        for spec in EVENTS:
            self.event(spec)
        for email, spec in ACCEPTED_EVENT_PROPOSALS:
            services.entry_accept(entry=self.event(spec, proposer=email))
        waiting += [self.event(spec, proposer=email) for email, spec in EVENT_PROPOSALS]
        # The services stamp every entry with the time it is saved; backdated, the queue reads
        # as proposals that arrived over the last days.
        now = timezone.now()
        for days, entry in enumerate(reversed(waiting), start=1):
            type(entry).objects.filter(pk=entry.pk).update(
                created_at=now - datetime.timedelta(days=days, hours=3 * days))


def _categories(municipality):
    categories = services.categories_ensure(municipality=municipality)
    existing = set(categories.values_list("slug", flat=True))
    order = len(services.DEFAULT_CATEGORIES)
    for number, (name, name_en, slug, color) in enumerate(EXTRA_CATEGORIES):
        if slug not in existing:
            services.category_save(municipality=municipality, name=name, name_en=name_en,
                                   slug=slug, color=color, order=order + number)
    return services.categories_ensure(municipality=municipality)


def _pages(municipality):
    existing = set(Page.objects.filter(municipality=municipality).values_list("slug",
                                                                              flat=True))
    for slug, order, title, body, title_en, body_en in PAGES:
        if slug in existing:
            continue
        services.page_save(
            municipality=municipality, slug=slug, order=order, published=True, title=title,
            body=_md(body).replace("{slug}", municipality.slug), title_en=title_en,
            body_en=_md(body_en).replace("{slug}", municipality.slug))


def load_participation_demo(municipality):
    """Give `municipality` (Rüsselsheim am Main) its Mitmachkarte, Termintipps, pages and
    embedding.

    Initiatives and events are loaded only if the municipality has none yet; pages only where
    their address is still free; the embedding only if it was never set. So loading again
    changes nothing.
    """
    with transaction.atomic(), translation.override("de"):
        categories = _categories(municipality)
        if not (Initiative.objects.filter(municipality=municipality).exists()
                or Event.objects.filter(municipality=municipality).exists()):
            _Loader(municipality, categories).load()
        _pages(municipality)
        if not EmbedSettings.objects.filter(municipality=municipality).exists():
            services.embed_settings_save(municipality=municipality,
                                         allowed_origins=EMBED_ORIGINS)
