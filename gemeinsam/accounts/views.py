from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from rest_framework.authtoken.models import Token

from gemeinsam.core import selectors
from gemeinsam.core.errors import DomainError
from gemeinsam.meetings import services as meetings_services
from gemeinsam.meetings.models import CalendarToken

from . import services
from .forms import AccountDeleteForm, ProfileForm


@login_required
def profile(request):
    if request.method == "POST" and request.POST.get("calendar") == "renew":
        meetings_services.calendar_token_renew(user=request.user)
        messages.success(request, _("Your calendar has a new address. The old address no "
                                    "longer works."))
        return redirect(f"{reverse('accounts:profile')}#calendar")
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        if user.preferred_language:
            translation.activate(user.preferred_language)
            response.set_cookie("django_language", user.preferred_language, samesite="Lax")
        return response
    return render(request, "accounts/profile.html", {
        "form": form,
        "memberships": selectors.memberships_of_user(user=request.user),
        "has_token": Token.objects.filter(user=request.user).exists(),
        "calendar_url": _private_calendar_url(request),
        "breadcrumbs": [(_("Your profile"), None)],
    })


def _private_calendar_url(request):
    calendar_token = CalendarToken.objects.filter(user=request.user).first()
    if calendar_token is None:
        return ""
    return request.build_absolute_uri(reverse("private_calendar", args=[calendar_token.token]))


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Your contributions "
                                        "remain and are shown as by a former member."))
            return redirect("core:home")
    return render(request, "accounts/account_delete.html", {
        "form": form, "breadcrumbs": [(_("Your profile"), reverse("accounts:profile")),
                                      (_("Delete account"), None)],
    })


@require_POST
@login_required
def api_token(request):
    token = services.api_token_renew(user=request.user)
    return render(request, "accounts/api_token.html", {
        "token": token, "breadcrumbs": [(_("Your profile"), reverse("accounts:profile")),
                                        (_("API token"), None)],
    })


@require_POST
def language_switch(request):
    """Django's language switch, which also remembers the choice in a signed-in person's profile."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.language_remember(user=request.user, language=language)
    return response
