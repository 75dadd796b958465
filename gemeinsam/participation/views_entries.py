"""What the views of initiatives and events share: the course of a posted entry form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gemeinsam.core.errors import DomainError, StaleEdit


def too_many(form):
    form.add_error(None, _("You have sent a lot in a short time. Please wait a while and try "
                           "again."))


def add_service_error(form, error):
    """A refusal of the services on the form, whatever shape it has."""
    if isinstance(error, DomainError):
        form.add_error(None, error.message)
    else:
        form.add_error(None, list(error.messages))


def save_posted(request, form, save, *, success, done):
    """Validate a posted entry form and save it with `save(form)`; then a message and the
    response `done(result)`. A refusal stays on the form with what was typed (409 for a stale
    save). Returns (response or None, HTTP status of the form page)."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        result = save(form)
    except (DomainError, ValidationError) as error:
        add_service_error(form, error)
        return None, 409 if isinstance(error, StaleEdit) else 400
    messages.success(request, success(result))
    return done(result), 302
