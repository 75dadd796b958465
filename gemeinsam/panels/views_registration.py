"""The public registration for a citizens' panel, without an account: the code from the letter,
the questionnaire, the confirmation. Between the steps the session holds the invitation.

Three variants of the form: German, English and easy language (Leichte Sprache, German texts
that live in the templates). The variant is chosen by links on the pages and kept in the
session for the whole flow; it is stored on the respondent.

A fourth way in is internal: a panel manager types in replies that came on paper or by phone
(`register_on_behalf`), one after the other, without the residents' rate limit.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from gemeinsam.core.errors import DomainError
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import registration, selectors
from .forms_registration import (
    CodeForm,
    OfficeReplyForm,
    QuestionnaireForm,
    code_error_summary,
)
from .models import Feature, FormVariant, Invitation, Panel
from .views_shared import panel_context, panel_crumbs, panel_for

# Per address of the sender. Codes cannot be guessed (27^9 of them), but a robot should not
# be able to try; a library or a family sharing one address still gets far.
CODE_RATE = "30/h"
SESSION_INVITATION = "panels_register_invitation"
SESSION_VARIANT = "panels_register_variant"
SESSION_DONE = "panels_register_done"


PUBLIC_VARIANTS = (FormVariant.GERMAN, FormVariant.ENGLISH, FormVariant.EASY)


def _variant(request):
    """The variant chosen by a link (?variant=), else the one of this flow, else the
    interface language."""
    chosen = request.GET.get("variant")
    if chosen in PUBLIC_VARIANTS:
        request.session[SESSION_VARIANT] = chosen
        return chosen
    kept = request.session.get(SESSION_VARIANT)
    if kept in PUBLIC_VARIANTS:
        return kept
    return FormVariant.ENGLISH if translation.get_language() == "en" else FormVariant.GERMAN


def _language(variant):
    return "en" if variant == FormVariant.ENGLISH else "de"


def _in_variant(view):
    """Run the view in the language of the form variant."""

    @wraps(view)
    def wrapper(request, municipality, *args, **kwargs):
        variant = _variant(request)
        language = _language(variant)
        with translation.override(language):
            response = view(request, municipality, variant, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return wrapper


def _variant_links(request, variant, **keep):
    """(href, label, language, current) for the links that switch the variant."""
    keep = {key: value for key, value in keep.items() if value}
    return [(f"{request.path}?{urlencode({'variant': code, **keep})}", label, lang,
             code == variant)
            for code, label, lang in (("de", "Deutsch", "de"),
                                      ("easy", "Leichte Sprache", "de"),
                                      ("en", "English", "en"))]


def _crumbs(municipality):
    return breadcrumbs_for(municipality, (_("Registration for a citizens' panel"), None))


def _context(request, municipality, variant, **extra):
    return {"municipality": municipality, "variant": variant,
            "easy": variant == FormVariant.EASY, "breadcrumbs": _crumbs(municipality),
            "date_format": registration.date_format_for(_language(variant)), **extra}


@ratelimit(key="ip", rate=CODE_RATE, method="POST", block=False)
@municipality_view()
@_in_variant
def code_entry(request, municipality, variant):
    status = 200
    if request.method == "POST":
        form = CodeForm(request.POST)
        if getattr(request, "limited", False):
            form.add_error(None, _("You have sent a lot in a short time. Please wait a while "
                                   "and try again."))
            status = 429
        elif form.is_valid():
            try:
                invitation = registration.invitation_for_code(
                    code=form.cleaned_data["code"], municipality=municipality)
            except DomainError as error:
                form.add_error("code", error.message)
                status = 400
            else:
                request.session[SESSION_INVITATION] = invitation.pk
                request.session.pop(SESSION_DONE, None)
                return redirect("panels:register_form", municipality.slug)
        else:
            status = 400
        code = request.POST.get("code", "")
    else:
        code = request.GET.get("code", "")[:40]
        form = CodeForm(initial={"code": code})
    return render(request, "panels/register.html", _context(
        request, municipality, variant, form=form, error_summary=code_error_summary(form),
        variant_links=_variant_links(request, variant, code=code)), status=status)


def _session_invitation(request, municipality):
    """The invitation whose code was accepted in this session, checked again: in the meantime
    the deadline may have passed or someone else may have used the code."""
    pk = request.session.get(SESSION_INVITATION)
    invitation = (Invitation.objects.filter(pk=pk, panel__municipality=municipality)
                  .only("code").first() if pk else None)
    if invitation is None:
        raise registration.CodeNotUsable("unknown")
    return registration.invitation_for_code(code=invitation.code, municipality=municipality)


@municipality_view()
@_in_variant
def questionnaire(request, municipality, variant):
    if not request.session.get(SESSION_INVITATION):
        messages.info(request, _("Please type in the code from your letter first."))
        return redirect("panels:register", municipality.slug)
    try:
        invitation = _session_invitation(request, municipality)
    except DomainError as error:
        request.session.pop(SESSION_INVITATION, None)
        messages.error(request, error.message)
        return redirect("panels:register", municipality.slug)
    panel = invitation.panel
    features = Feature.objects.filter(panel=panel).prefetch_related("values")
    data = request.POST if request.method == "POST" else None
    form = QuestionnaireForm(data, panel=panel, features=features, variant=variant)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                respondent = registration.respondent_register(
                    invitation=invitation, form_variant=variant, **form.registration())
            except registration.CodeNotUsable as error:
                request.session.pop(SESSION_INVITATION, None)
                messages.error(request, error.message)
                return redirect("panels:register", municipality.slug)
            except DomainError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, list(error.messages))
            else:
                request.session.pop(SESSION_INVITATION, None)
                request.session[SESSION_DONE] = {
                    "panel": panel.pk, "pseudonym": respondent.pseudonym,
                    "email": bool(respondent.email),
                    "email_failed": respondent.confirmation_sent is False}
                return redirect("panels:register_done", municipality.slug)
    return render(request, "panels/register_form.html", _context(
        request, municipality, variant, panel=panel, form=form,
        error_summary=form.error_summary() if form.is_bound else [],
        variant_links=_variant_links(request, variant)), status=status)


@never_cache
@municipality_view()
@_in_variant
def done(request, municipality, variant):
    """The confirmation: the panel, the person's own pseudonym and what happens next; nothing
    else of what they typed. Shown once: the session forgets the pseudonym with this page."""
    data = request.session.pop(SESSION_DONE, None) or {}
    panel = Panel.objects.filter(pk=data.get("panel"), municipality=municipality).first() \
        if data.get("panel") else None
    if panel is None:
        return redirect("panels:register", municipality.slug)
    return render(request, "panels/register_done.html", _context(
        request, municipality, variant, panel=panel, pseudonym=data.get("pseudonym", ""),
        by_email=data.get("email", False), email_failed=data.get("email_failed", False),
        public_url=(reverse("panels:public_detail", args=[municipality.slug, panel.pk])
                    if panel.public else "")))


# --- Replies on paper or by phone, typed in by the office -------------------------------------


@never_cache
@municipality_view("panels.view_internal")
def register_on_behalf(request, municipality, pk):
    """A panel manager enters a reply that came on paper or by phone; after saving, an empty
    form for the next one. Allowed after the deadline, until a lottery has begun."""
    panel = panel_for(request, municipality, pk, "panels.manage")
    features = selectors.features_with_values(panel=panel)
    form = OfficeReplyForm(request.POST if request.method == "POST" else None, panel=panel,
                           features=features)
    status = 200
    if request.method == "POST":
        status = 400
        valid = form.is_valid()
        invitation = None
        if form.cleaned_data.get("code"):  # checked even when other fields still lack
            try:
                invitation = registration.invitation_for_code(
                    code=form.cleaned_data["code"], municipality=municipality, panel=panel,
                    by_office=True)
            except DomainError as error:
                form.add_error("code", error.message)
        if valid and invitation is not None:
            try:
                respondent = registration.respondent_register(
                    invitation=invitation, form_variant=FormVariant.OFFICE, by_office=True,
                    **form.registration())
            except registration.CodeNotUsable as error:
                form.add_error("code", error.message)
            except DomainError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                form.add_error(None, list(error.messages))
            else:
                messages.success(request, _(
                    "The reply has been saved under the pseudonym %(pseudonym)s. You can type "
                    "in the next one.") % {"pseudonym": respondent.pseudonym})
                if respondent.confirmation_sent is False:
                    messages.warning(request, _(
                        "The confirmation e-mail to %(pseudonym)s could not be sent. Please "
                        "tell the person their pseudonym in another way.") % {
                        "pseudonym": respondent.pseudonym})
                return redirect("panels:register_on_behalf", municipality.slug, panel.pk)
    return render(request, "panels/register_office.html", panel_context(
        request, municipality, panel, form=form,
        error_summary=form.error_summary() if form.is_bound else [],
        deadline_passed=panel.registration_deadline < timezone.localdate(),
        lottery_begun=selectors.lottery_begun(panel=panel),
        breadcrumbs=panel_crumbs(
            municipality, panel,
            (_("Respondents"), reverse("panels:respondents", args=[municipality.slug,
                                                                   panel.pk])),
            (_("Enter a reply on paper or by phone"), None))), status=status)
