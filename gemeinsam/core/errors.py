from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain was broken; the message is meant for the person who tried."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StaleEdit(DomainError):
    def __init__(self):
        super().__init__(
            _("Someone else has changed this in the meantime. Your input is kept below; "
              "please check the current state and save again.")
        )


class InvitationNotUsable(DomainError):
    """The link is unknown, expired, revoked or used; `reason` says which."""

    def __init__(self, reason, invitation=None):
        messages = {
            "unknown": _("This invitation link is not valid. Please check that you copied it "
                         "completely."),
            "expired": _("This invitation has expired."),
            "used": _("This invitation has already been used."),
            "revoked": _("This invitation has been withdrawn."),
        }
        super().__init__(messages[reason])
        self.reason = reason
        self.invitation = invitation


class ImportFailed(DomainError):
    """Nothing was imported; `errors` lists every bad row as (line number, reason)."""

    def __init__(self, errors):
        super().__init__(_("The import was cancelled; nothing was changed."))
        self.errors = errors
