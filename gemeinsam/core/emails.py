"""E-mails to people, each written in the language its recipient chose."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_to_address(address, template, context, language=None):
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and send them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"platform_name": settings.PLATFORM_NAME, "base_url": settings.BASE_URL,
                   **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(
        subject=f"[{settings.PLATFORM_NAME}] {' '.join(subject.split())}", body=body, to=[address],
    ).send()


def send_to_people(people, template, context):
    for person in people:
        if person.is_active and not person.is_former_member:
            send_to_address(person.email, template, {**context, "recipient": person},
                            language=person.preferred_language or None)
