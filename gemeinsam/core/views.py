from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.jobs.services import job_start

from . import rules as core_rules
from . import selectors, services
from .errors import DomainError, InvitationNotUsable, StaleEdit
from .forms import (
    DirectoryImportForm,
    InvitationForm,
    JoinRequestForm,
    MunicipalityCreateForm,
    MunicipalityForm,
    RoleChangeForm,
    SitePageForm,
)
from .jobs import DIRECTORY_IMPORT, DIRECTORY_IMPORT_TITLE, bundled_directory_files
from .models import DirectoryEntry, Invitation, JoinRequest, Membership, SitePage


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def municipality_view(permission=None):
    """Load the municipality named in the URL, check `permission` on it, pass it on."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            municipality = selectors.municipality_get(slug=slug)
            request.municipality = municipality
            if permission and not request.user.has_perm(permission, municipality):
                return _deny(request)
            return view(request, municipality, *args, **kwargs)

        return wrapper

    return decorator


def platform_view(permission):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                return _deny(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _invitation_url(request):
    return lambda token: request.build_absolute_uri(reverse("core:invitation", args=[token]))


def redirect_back(request, default):
    """Back to where a small form came from (its `next` field), if that is a page of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def breadcrumbs_for(municipality, *rest):
    return [(municipality.name, reverse("core:overview", args=[municipality.slug])), *rest]


# --- Public pages ----------------------------------------------------------------------------


def home(request):
    return render(request, "core/home.html", {
        "municipalities": selectors.municipality_list(),
        "my_memberships": (selectors.memberships_of_user(user=request.user)
                           if request.user.is_authenticated else []),
    })


@municipality_view()
def overview(request, municipality):
    user = request.user
    return render(request, "core/overview.html", {
        "municipality": municipality,
        "my_role": core_rules.role_in(user, municipality),
        "may_join": user.has_perm("core.request_join", municipality),
        "may_manage": user.has_perm("core.change_municipality", municipality),
        "pending_request": (user.is_authenticated and JoinRequest.objects.filter(
            municipality=municipality, user=user, status=JoinRequest.Status.PENDING).exists()),
        "breadcrumbs": breadcrumbs_for(municipality),
    })


def site_page(request, key):
    page = selectors.site_page_get(key=key)
    return render(request, "core/site_page.html", {
        "page": page, "key": key, "label": SitePage.Key(key).label,
        "may_edit": request.user.has_perm("core.edit_site_pages"),
        "edit_url": reverse(f"core:{key}_edit"),
        "breadcrumbs": [(SitePage.Key(key).label, None)],
    })


@platform_view("core.edit_site_pages")
def site_page_edit(request, key):
    page = selectors.site_page_get(key=key)
    initial = {"version": page.version if page else 0}
    if page:
        initial.update(title_de=page.title_de, body_de=page.body_de, title_en=page.title_en,
                       body_en=page.body_en)
    form = SitePageForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.site_page_update(key=key, **form.cleaned_data)
        except StaleEdit as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("The page has been saved."))
            return redirect(f"core:{key}")
    label = SitePage.Key(key).label
    return render(request, "core/site_page_edit.html", {
        "form": form, "label": label,
        "breadcrumbs": [(label, reverse(f"core:{key}")), (_("Edit"), None)],
    }, status=status)


# --- Joining and leaving ---------------------------------------------------------------------


@login_required
@municipality_view()
def join(request, municipality):
    if core_rules.role_in(request.user, municipality):
        messages.info(request, _("You are already a member of %(municipality)s.")
                      % {"municipality": municipality})
        return redirect("core:overview", municipality.slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(municipality=municipality, user=request.user,
                                         **form.cleaned_data)
        except DomainError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, _("Your request has been sent. You will get an e-mail as "
                                        "soon as the team has decided."))
        return redirect("core:overview", municipality.slug)
    return render(request, "core/join.html", {
        "municipality": municipality, "form": form,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Join"), None)),
    })


@municipality_view("core.leave")
def leave(request, municipality):
    membership = get_object_or_404(Membership, municipality=municipality, user=request.user)
    if request.method == "POST":
        try:
            services.membership_leave(membership=membership)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("core:leave", municipality.slug)
        messages.success(request, _("You have left %(municipality)s.")
                         % {"municipality": municipality})
        return redirect("core:home")
    return render(request, "core/leave.html", {
        "municipality": municipality, "membership": membership,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Leave"), None)),
    })


# --- Members ---------------------------------------------------------------------------------


@municipality_view("core.view_internal")
def members(request, municipality, invitation_form=None):
    user = request.user
    may_manage = user.has_perm("core.manage_members", municipality)
    grantable = core_rules.grantable_roles(user, municipality)
    return render(request, "core/members.html", {
        "municipality": municipality,
        "memberships": selectors.membership_list(municipality=municipality),
        "may_manage": may_manage,
        "grantable": [r.value for r in grantable],
        "role_form": RoleChangeForm(),
        "invitation_form": invitation_form or (InvitationForm(roles=grantable)
                                               if grantable else None),
        "invitations": selectors.open_invitations(municipality=municipality) if may_manage else [],
        "renewal_requests": (selectors.renewal_requests(municipality=municipality)
                             if may_manage else []),
        "join_requests": (selectors.pending_join_requests(municipality=municipality)
                          if may_manage else []),
        "valid_days": settings.INVITATION_VALID_DAYS,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Members"), None)),
    })


@require_POST
@municipality_view("core.manage_members")
def invite(request, municipality):
    form = InvitationForm(request.POST,
                          roles=core_rules.grantable_roles(request.user, municipality))
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                municipality=municipality, invited_by=request.user,
                build_url=_invitation_url(request), **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The invitation to %(email)s has been sent.")
                             % {"email": invitation.email})
            return redirect("core:members", municipality.slug)
    return members(request, municipality.slug, invitation_form=form)


def _membership(municipality, pk):
    return get_object_or_404(Membership.objects.select_related("user", "municipality"),
                             municipality=municipality, pk=pk)


@require_POST
@municipality_view("core.manage_members")
def member_role_change(request, municipality, pk):
    membership = _membership(municipality, pk)
    form = RoleChangeForm(request.POST)
    if form.is_valid():
        try:
            services.membership_change_role(membership=membership, actor=request.user,
                                            role=form.cleaned_data["role"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(person)s is now %(role)s.")
                             % {"person": membership.user, "role": membership.get_role_display()})
    return redirect("core:members", municipality.slug)


@require_POST
@municipality_view("core.manage_members")
def member_remove(request, municipality, pk):
    membership = _membership(municipality, pk)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(person)s is no longer a member.")
                         % {"person": membership.user})
    return redirect("core:members", municipality.slug)


@require_POST
@municipality_view("core.manage_members")
def invitation_revoke(request, municipality, pk):
    invitation = get_object_or_404(Invitation, municipality=municipality, pk=pk)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation to %(email)s has been withdrawn.")
                     % {"email": invitation.email})
    return redirect("core:members", municipality.slug)


@require_POST
@municipality_view("core.manage_members")
def invitation_renew(request, municipality, pk):
    invitation = get_object_or_404(Invitation, municipality=municipality, pk=pk)
    try:
        services.invitation_renew(invitation=invitation, actor=request.user,
                                  build_url=_invitation_url(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new invitation to %(email)s has been sent.")
                         % {"email": invitation.email})
    return redirect("core:members", municipality.slug)


@require_POST
@municipality_view("core.manage_members")
def join_request_decide(request, municipality, pk):
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"),
                                     municipality=municipality, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.join_request_decide(join_request=join_request, actor=request.user,
                                     approve=approve, role=request.POST.get("role", "member"))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        message = (_("%(person)s has been let in.") if approve
                   else _("The request of %(person)s has been declined."))
        messages.success(request, message % {"person": join_request.user})
    return redirect("core:members", municipality.slug)


@municipality_view("core.change_municipality")
def municipality_settings(request, municipality):
    form = MunicipalityForm(request.POST or None, initial={
        "version": municipality.version, "team_name": municipality.team_name,
        "introduction": municipality.introduction,
    })
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.municipality_update(municipality=municipality, version=data.pop("version"),
                                         **data)
        except StaleEdit as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("core:overview", municipality.slug)
    return render(request, "core/municipality_settings.html", {
        "municipality": municipality, "form": form,
        "breadcrumbs": breadcrumbs_for(municipality, (_("Settings"), None)),
    }, status=status)


# --- Invitations -----------------------------------------------------------------------------


def invitation(request, token):
    """The page behind an invitation link: sign up, log in, or accept right away."""
    from gemeinsam.accounts.forms import InvitationSignupForm
    from gemeinsam.accounts.models import User

    try:
        invitation = services.invitation_get_by_token(token=token)
    except InvitationNotUsable as error:
        return render(request, "core/invitation_unusable.html", {
            "error": error, "token": token, "invitation": error.invitation,
            "breadcrumbs": [(_("Invitation"), None)],
        }, status=410 if error.reason != "unknown" else 404)

    context = {"invitation": invitation, "municipality": invitation.municipality,
               "breadcrumbs": [(_("Invitation"), None)]}
    if request.user.is_authenticated:
        if request.method == "POST":
            services.invitation_accept(token=token, user=request.user)
            messages.success(request, _("Welcome to %(municipality)s!")
                             % {"municipality": invitation.municipality})
            return redirect("core:overview", invitation.municipality.slug)
        return render(request, "core/invitation_accept.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "core/invitation_login.html", {
            **context, "login_url": f"{reverse('account_login')}?next={request.path}",
        })

    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_signup(
                token=token, display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"], language=get_language() or "",
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(municipality)s!")
                             % {"municipality": invitation.municipality})
            return redirect("core:overview", invitation.municipality.slug)
    return render(request, "core/invitation_signup.html", {**context, "form": form})


@require_POST
def invitation_request_renewal(request, token):
    try:
        services.invitation_request_renewal(token=token)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("core:invitation", token)
    messages.success(request, _("Your request has been passed on. You will get a new invitation "
                                "by e-mail."))
    return redirect("core:home")


# --- Platform administration ----------------------------------------------------------------


@platform_view("core.create_space")
def space_create_search(request):
    query = request.GET.get("q", "")
    return render(request, "core/space_create_search.html", {
        "query": query, "results": selectors.directory_search(query=query),
        "directory_empty": not DirectoryEntry.objects.exists(),
        "breadcrumbs": [(_("New municipality space"), None)],
    })


@platform_view("core.create_space")
def space_create(request, ags):
    entry = get_object_or_404(DirectoryEntry.objects.exclude(kind="state"), ags=ags)
    if hasattr(entry, "space"):
        messages.info(request, _("%(name)s already has a space.") % {"name": entry.short_name})
        return redirect("core:overview", entry.space.slug)
    form = MunicipalityCreateForm(request.POST or None, initial={
        "name": entry.short_name, "slug": services.slug_suggestion(entry),
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            municipality = services.municipality_create(
                directory_entry=entry, slug=data["slug"], name=data["name"],
                team_name=data["team_name"], created_by=request.user,
            )
            if data["first_coordinator_email"]:
                services.invitation_create(
                    municipality=municipality, email=data["first_coordinator_email"],
                    role="coordinator", invited_by=request.user,
                    build_url=_invitation_url(request),
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The space for %(name)s has been created.")
                             % {"name": municipality.name})
            return redirect("core:members", municipality.slug)
    return render(request, "core/space_create.html", {
        "entry": entry, "form": form,
        "breadcrumbs": [(_("New municipality space"), reverse("core:space_create_search")),
                        (entry.short_name, None)],
    })


@platform_view("core.import_directory")
def directory_import(request):
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data
        arguments = (
            {"directory_csv": files["directory_file"],
             "population_csv": files.get("population_file") or "",
             "referendum_csv": files.get("referendum_file") or ""}
            if files.get("directory_file") else bundled_directory_files()
        )
        job = job_start(kind=DIRECTORY_IMPORT, title=str(DIRECTORY_IMPORT_TITLE),
                        arguments=arguments, started_by=request.user)
        return redirect("jobs:detail", job.pk)
    return render(request, "core/directory_import.html", {
        "form": form, "entry_count": DirectoryEntry.objects.count(),
        "breadcrumbs": [(_("Municipality directory"), None)],
    })

