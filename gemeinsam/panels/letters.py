"""The serial letters of a panel: one PDF with one letter per page (DIN 5008, form B, so that
the address shows in the window of a DL envelope), and the same fields as a CSV for the mail
merge of the administration's own office software.

The letter goes to residents, so it is German whatever the manager's interface language, with
one English line and a pointer to the form in easy language. It closes with a greeting signed
by the municipality's office, and says that people without the internet can register by phone,
by letter or in person through the panel's contact: the office enters those replies. The
contact is free text of any length and is wrapped, never cut. Its wording is part of the
document like the column names of a file format, hence not through gettext.
"""

import functools
import io
import re
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Spacer

from gemeinsam.core import tables

from .invitations import waves
from .models import format_code

GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]

# Names from the register are not all Latin-1 (Łukasz, Şahin): a Unicode font where there is
# one, reportlab's own Vera otherwise. The code is printed in Courier, which has all its letters.
_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("Vera.ttf", "VeraBd.ttf"),
]
CODE_FONT = "Courier-Bold"

DEFAULT_TEXT = (
    "wir laden Sie herzlich ein, im {named} mitzuwirken. Sie haben diesen Brief "
    "bekommen, weil Ihr Name zufällig aus dem Melderegister gezogen wurde{together}.\n\n"
    "Worum es geht: {purpose}\n\n"
    "Im Bürgerrat beraten {seats} Menschen, die zusammen die Vielfalt unserer Stadt abbilden: "
    "jung und alt, aus allen Stadtteilen, mit ganz unterschiedlichen Erfahrungen. Sie hören "
    "Fachleute an, diskutieren miteinander und geben am Ende Empfehlungen ab. Vorwissen "
    "brauchen Sie nicht; Ihre Erfahrung aus dem Alltag ist gefragt.\n\n"
    "{dates}"
    "Wenn Sie Interesse haben, melden Sie sich bitte bis zum {deadline} mit Ihrem persönlichen "
    "Code an. Unter allen, die sich anmelden, werden die Mitglieder des Bürgerrats ausgelost, "
    "so dass er {mirror}. Die Anmeldung ist also noch keine Zusage; alle erfahren das Ergebnis "
    "der Auslosung.\n\n"
    "Ihre Angaben verwenden wir nur für diesen Bürgerrat und löschen sie danach. Fragen zur "
    "Teilnahme, zu Terminen, Barrierefreiheit oder Kinderbetreuung beantworten wir gern."
)

CLOSING = "Mit freundlichen Grüßen"

CSV_HEADER = ["Anrede", "Vorname", "Nachname", "Straße und Hausnummer", "PLZ", "Ort",
              "Stadtteil", "Adresszeile Anrede", "Briefanrede", "Betreff", "Datum", "Code",
              "Anmeldeadresse", "Anmeldelink", "Anmeldeschluss", "English"]


def german_date(value):
    return f"{value.day}. {GERMAN_MONTHS[value.month - 1]} {value.year}"


def english_date(value):
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"


def _gender(salutation):
    word = tables.key(salutation)
    if word in {"frau", "f", "w", "weiblich", "female", "ms", "mrs", "miss"}:
        return "f"
    if word in {"herr", "herrn", "m", "männlich", "mannlich", "maennlich", "male", "mr"}:
        return "m"
    return ""


def address_salutation(salutation):
    """The first line of the address: Frau / Herrn, or nothing."""
    return {"f": "Frau", "m": "Herrn"}.get(_gender(salutation), "")


def letter_salutation(invitation):
    gender = _gender(invitation.salutation)
    if gender == "f":
        return f"Sehr geehrte Frau {invitation.last_name},"
    if gender == "m":
        return f"Sehr geehrter Herr {invitation.last_name},"
    return f"Guten Tag {invitation.first_name} {invitation.last_name},"


def _named_panel(title):
    """The panel as the letter names it: "Bürgerrat „Mobilität“", but a title that says
    "Bürgerrat" itself is not preceded by it again: "„Bürgerrat Mobilität“"."""
    title = title.strip()
    if title.casefold().startswith("bürgerrat"):
        return f"„{title}“"
    return f"Bürgerrat „{title}“"


def letter_subject(title):
    title = title.strip()
    if title.casefold().startswith("bürgerrat"):
        return f"Einladung: {title}"
    return f"Einladung zum Bürgerrat „{title}“"


def contact_lines(panel):
    return [line.strip() for line in panel.contact.splitlines() if line.strip()]


def signature(panel):
    """Who signs: the office of the municipality and, when the contact's first line starts
    with the name of a unit ("Fachbereich Mobilität, Telefon …"), that unit."""
    lines = [f"Ihre Stadtverwaltung {panel.municipality.name}"]
    contact = contact_lines(panel)
    if contact:
        unit = re.split(r"[,;·|]| - | – ", contact[0], maxsplit=1)[0].strip()
        if unit and not re.search(r"[\d@/]", unit) and len(unit) <= 60:
            lines.append(unit)
    return lines


def offline_reply(panel):
    """How to register without the internet: the office enters the reply."""
    contact = " · ".join(contact_lines(panel))
    where = (f"Rufen Sie uns an, schreiben Sie uns oder kommen Sie vorbei: {contact}."
             if contact else f"Rufen Sie die Stadtverwaltung {panel.municipality.name} an, "
             f"schreiben Sie ihr oder kommen Sie vorbei.")
    return (f"Kein Internet? Sie können sich auch telefonisch, per Brief oder persönlich "
            f"anmelden. {where} Halten Sie dabei bitte Ihren Code bereit; wir tragen Ihre "
            f"Anmeldung dann für Sie ein.")


def registration_link(register_url, code):
    return f"{register_url}?{urlencode({'code': code})}"


def letter_fields(*, panel, invitation, register_url, today):
    """What one letter says, field by field; the PDF and the CSV are made from this."""
    link = registration_link(register_url, invitation.code)
    code = format_code(invitation.code)
    return {
        "Anrede": invitation.salutation,
        "Vorname": invitation.first_name,
        "Nachname": invitation.last_name,
        "Straße und Hausnummer": invitation.street,
        "PLZ": invitation.postcode,
        "Ort": invitation.city,
        "Stadtteil": invitation.district,
        "Adresszeile Anrede": address_salutation(invitation.salutation),
        "Briefanrede": letter_salutation(invitation),
        "Betreff": letter_subject(panel.title),
        "Datum": german_date(today),
        "Code": code,
        "Anmeldeadresse": register_url,
        "Anmeldelink": link,
        "Anmeldeschluss": german_date(panel.registration_deadline),
        "English": (f"English: register at {register_url} with the code {code} by "
                    f"{english_date(panel.registration_deadline)}."),
    }


def german_number(number):
    return f"{number:,}".replace(",", ".")


def german_list(words):
    """"A", "A und B", "A, B und C"."""
    words = list(words)
    return ", ".join(words[:-1]) + " und " + words[-1] if len(words) > 1 else "".join(words)


def _together(letters):
    """Who else got the letter: the letters of the same wave but this one."""
    others = letters - 1
    if others < 1:
        return ""
    if others == 1:
        return " – zusammen mit einer weiteren Person"
    return f" – zusammen mit {german_number(others)} anderen Einwohnerinnen und Einwohnern"


def letters_in_wave(panel, wave=None):
    """The letters drawn in the wave (default: the newest), as documented; before any draw
    the letters planned, for a preview."""
    documented = waves(panel)
    if wave is not None:
        documented = [w for w in documented if w["wave"] == wave]
    if documented:
        return documented[-1]["letters"]
    letters = panel.invitations.filter(wave=wave).count() if wave else 0
    return letters or panel.letters_planned


def letter_body(panel, wave=None):
    """The panel's own letter text, or the default text filled in with the panel's features
    and the letters of the wave (default: the newest)."""
    if panel.letter_text.strip():
        return panel.letter_text.strip()
    dates = panel.meeting_dates.strip()
    features = [name.strip() for name in panel.features.order_by("order", "pk")
                .values_list("name", flat=True) if name.strip()]
    mirror = (f"die Bevölkerung nach {german_list(features)} widerspiegelt" if features
              else "die Vielfalt der Bevölkerung widerspiegelt")
    return DEFAULT_TEXT.format(
        named=_named_panel(panel.title), together=_together(letters_in_wave(panel, wave)),
        purpose=" ".join(panel.purpose.split()), seats=panel.seats, mirror=mirror,
        dates=f"Der Bürgerrat trifft sich an diesen Terminen:\n{dates}\n\n" if dates else "",
        deadline=german_date(panel.registration_deadline))


def registration_address(municipality):
    """The address of the registration form as printed: from settings.BASE_URL, like the
    e-mails, never from the host a manager happened to use."""
    return settings.BASE_URL.rstrip("/") + reverse("panels:register", args=[municipality.slug])


# --- CSV -------------------------------------------------------------------------------------


def letters_csv(*, panel, invitations, register_url, today):
    """The fields of every letter, semicolon-separated UTF-8 with a byte order mark (Excel)."""
    rows = []
    for invitation in invitations:
        fields = letter_fields(panel=panel, invitation=invitation, register_url=register_url,
                               today=today)
        rows.append([tables.guard(fields[name], r"") for name in CSV_HEADER])
    return tables.write_csv(CSV_HEADER, rows)


# --- PDF -------------------------------------------------------------------------------------


@functools.cache
def _fonts():
    for regular, bold in _FONT_CANDIDATES:
        try:
            pdfmetrics.registerFont(TTFont("LetterSans", regular))
            pdfmetrics.registerFont(TTFont("LetterSans-Bold", bold))
        except Exception:  # noqa: BLE001, S112 - font not there: try the next
            continue
        pdfmetrics.registerFontFamily("LetterSans", normal="LetterSans",
                                      bold="LetterSans-Bold", italic="LetterSans",
                                      boldItalic="LetterSans-Bold")
        return "LetterSans", "LetterSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _paragraphs(text, style):
    """Blank lines separate paragraphs, single line breaks stay."""
    parts = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            parts.append(Paragraph(escape(block.strip()).replace("\n", "<br/>"), style))
            parts.append(Spacer(1, 2.2 * mm))
    return parts


def _text_lines(pdf, lines, x, y, font, size, leading):
    for line in lines:
        pdf.setFont(font, size)
        pdf.drawString(x, y, line)
        y -= leading
    return y


def _fitting(pdf, text, font, size, width):
    """Shorten a line that would run out of its box."""
    while text and pdf.stringWidth(text, font, size) > width:
        text = text[:-2] + "…"
    return text


def _qr(pdf, url, x, y, size):
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0,
                                             size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)


def _letter(pdf, fonts, panel, invitation, register_url, today, body_flowables):
    regular, bold = fonts
    height = A4[1]
    fields = letter_fields(panel=panel, invitation=invitation, register_url=register_url,
                           today=today)

    def top(millimetres):  # reportlab measures from the bottom, DIN 5008 from the top
        return height - millimetres * mm

    sender = panel.municipality.name
    contact = contact_lines(panel)

    # Folding marks (form B) and the hole mark on the left edge.
    pdf.setLineWidth(0.3)
    for mark, length in ((105, 5), (148.5, 8), (210, 5)):
        pdf.line(3 * mm, top(mark), (3 + length) * mm, top(mark))

    # Letterhead.
    pdf.setFont(bold, 16)
    pdf.drawString(25 * mm, top(22), _fitting(pdf, sender, bold, 16, 160 * mm))
    pdf.setFont(regular, 10)
    pdf.drawString(25 * mm, top(28), "Bürgerrat")

    # Address field (form B: 45 mm from the top, 85 × 45 mm): the return line in the zone
    # for remarks, wrapped upwards from its rule if long, then the recipient in the address
    # zone, 5 mm in from the field's edge.
    return_line = " · ".join([sender] + contact[:1])
    size = 7
    lines = simpleSplit(return_line, regular, size, 75 * mm)
    while len(lines) > 4 and size > 5.5:
        size -= 0.5
        lines = simpleSplit(return_line, regular, size, 75 * mm)
    leading = size * 1.2
    for number, line in enumerate(reversed(lines)):
        pdf.setFont(regular, size)
        pdf.drawString(25 * mm, top(59) + number * leading, line)
    pdf.setLineWidth(0.2)
    pdf.line(25 * mm, top(60), 100 * mm, top(60))
    recipient = [fields["Adresszeile Anrede"],
                 f"{invitation.first_name} {invitation.last_name}",
                 invitation.street, f"{invitation.postcode} {invitation.city}"]
    _text_lines(pdf, [_fitting(pdf, line, regular, 10, 75 * mm) for line in recipient if line],
                25 * mm, top(67), regular, 10, 4.5 * mm)

    # Information block on the right: contact and date, every line wrapped, the block shrunk
    # if a long contact would run into the subject.
    info = ParagraphStyle("info", fontName=regular, fontSize=8, leading=10)
    _frame(pdf, 125 * mm, top(96), 65 * mm, 47 * mm, [
        Paragraph("Ihr Kontakt", ParagraphStyle("info-title", parent=info, fontName=bold)),
        *[Paragraph(escape(line), info) for line in contact],
        Spacer(1, 2 * mm),
        Paragraph(escape(f"Datum: {fields['Datum']}"), info),
    ])

    # Subject and salutation.
    _frame(pdf, 25 * mm, top(106), 165 * mm, 10 * mm, [Paragraph(
        escape(fields["Betreff"]), ParagraphStyle("subject", fontName=bold, fontSize=11,
                                                  leading=13.5))])
    pdf.setFont(regular, 10.5)
    pdf.drawString(25 * mm, top(111), fields["Briefanrede"])

    # The body, the closing and who signs, shrunk if a long text would not fit on the page.
    _frame(pdf, 25 * mm, top(201), 165 * mm, 87 * mm, list(body_flowables))

    # The code, where to register, by when; the QR code holds the link with the code.
    pdf.setLineWidth(0.6)
    pdf.rect(25 * mm, top(250), 165 * mm, 46 * mm)
    pdf.setFont(regular, 10)
    pdf.drawString(30 * mm, top(210), "Ihr persönlicher Anmeldecode:")
    pdf.setFont(CODE_FONT, 24)
    pdf.drawString(30 * mm, top(221), fields["Code"])
    url_size = 11
    while url_size > 7 and pdf.stringWidth(register_url, regular, url_size) > 116 * mm:
        url_size -= 0.5
    small = ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=11)
    _frame(pdf, 30 * mm, top(248), 117 * mm, 23 * mm, [
        Paragraph(escape(f"Bitte melden Sie sich bis zum {fields['Anmeldeschluss']} an unter:"),
                  ParagraphStyle("deadline", fontName=bold, fontSize=10, leading=13)),
        Paragraph(escape(register_url), ParagraphStyle(
            "url", fontName=regular, fontSize=url_size, leading=url_size * 1.25)),
        Spacer(1, 1 * mm),
        Paragraph("Oder scannen Sie den QR-Code rechts: Er enthält schon Ihren Code.", small),
    ])
    _qr(pdf, fields["Anmeldelink"], 151 * mm, top(246), 34 * mm)

    # Without the internet, English and easy language.
    note = ParagraphStyle("note", fontName=regular, fontSize=9, leading=11.5)
    offline = offline_reply(panel)
    lead, rest = offline.split("? ", 1)
    _frame(pdf, 25 * mm, top(290), 165 * mm, 37 * mm, [
        Paragraph(f"<b>{escape(lead)}?</b> {escape(rest)}", note),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(fields["English"]), note),
        Spacer(1, 1.5 * mm),
        Paragraph("<b>Leichte Sprache:</b> Das Anmelde-Formular gibt es auch in Leichter "
                  "Sprache. Sie finden es auf der gleichen Internet-Seite.", note),
    ])


def _frame(pdf, x, y, width, height, flowables):
    """Lay out flowables in a box, shrunk if they would not fit."""
    frame = Frame(x, y, width, height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    frame.addFromList([KeepInFrame(width, height, flowables, mode="shrink")], pdf)


def letters_pdf(*, panel, invitations, register_url, today, wave=None, compress=True):
    """One PDF with a letter per page for every invitation, in the order given; `wave` (default:
    the newest) is the wave the letters belong to, for the default text."""
    fonts = _fonts()
    output = io.BytesIO()
    pdf = canvas.Canvas(output, pagesize=A4, pageCompression=1 if compress else 0,
                        invariant=0)
    pdf.setTitle(f"Einladungen – {panel.title}")
    pdf.setAuthor(panel.municipality.name)
    style = ParagraphStyle("body", fontName=fonts[0], fontSize=10.5, leading=14,
                           alignment=TA_LEFT)
    body = letter_body(panel, wave)
    closing = CLOSING + "\n\n" + "\n".join(signature(panel))
    count = 0
    for invitation in invitations:
        # Flowables are consumed when laid out: fresh ones for every page.
        _letter(pdf, fonts, panel, invitation, register_url, today,
                _paragraphs(body, style) + _paragraphs(closing, style))
        pdf.showPage()
        count += 1
    if not count:
        pdf.setFont(fonts[0], 11)
        pdf.drawString(25 * mm, A4[1] - 30 * mm, "Keine Briefe.")
        pdf.showPage()
    pdf.save()
    return output.getvalue()
