"""Simple pages of a municipality: about the alliance, how to join, privacy notes. The public
reads published pages; the team and the administration write them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gemeinsam.core.errors import DomainError, StaleEdit
from gemeinsam.core.views import breadcrumbs_for, municipality_view

from . import selectors, selectors_embed, services
from .forms_pages import PageForm


def localised(page):
    """Title and text in the reader's language: English when asked for and written, else
    German, marked with `lang` so that screen readers pronounce it right."""
    english = get_language() == "en"
    in_english = english and bool(page.body_en.strip())
    title_in_english = english and bool(page.title_en.strip()) and (
        in_english or not page.body.strip())
    page.shown_title = page.title_en if title_in_english else page.title
    page.shown_body = page.body_en if in_english else page.body
    # Only where it differs from the page's language does the text need its own `lang`.
    page.title_lang = "de" if english and not title_in_english else ""
    page.body_lang = "de" if english and not in_english else ""
    return page


def _pages_crumbs(municipality, *rest):
    return breadcrumbs_for(municipality, (_("Pages"), reverse(
        "participation:pages", args=[municipality.slug])), *rest)


def _may_manage(request, municipality):
    return request.user.has_perm("participation.manage_pages", municipality)


@municipality_view()
def page_list(request, municipality, status=200):
    may_manage = _may_manage(request, municipality)
    pages = (selectors_embed.pages_all(municipality=municipality) if may_manage
             else selectors.pages_published(municipality=municipality))
    return render(request, "participation/pages/list.html", {
        "municipality": municipality, "may_manage": may_manage,
        "pages": [localised(page) for page in pages],
        "breadcrumbs": breadcrumbs_for(municipality, (_("Pages"), None)),
    }, status=status)


@municipality_view()
def page_detail(request, municipality, page_slug):
    may_manage = _may_manage(request, municipality)
    page = localised(selectors.page_get(municipality=municipality, slug=page_slug,
                                        public=not may_manage))
    return render(request, "participation/pages/detail.html", {
        "municipality": municipality, "page": page, "may_manage": may_manage,
        "breadcrumbs": _pages_crumbs(municipality, (page.shown_title, None)),
    })


def _form_page(request, municipality, form, *, title, breadcrumbs, status=200,
               delete_url=None):
    return render(request, "participation/pages/form.html", {
        "municipality": municipality, "form": form, "title": title, "delete_url": delete_url,
        "breadcrumbs": breadcrumbs,
    }, status=status)


@municipality_view("participation.manage_pages")
def page_create(request, municipality):
    form = PageForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_save(municipality=municipality, **form.page_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The page “%(title)s” has been created.")
                             % {"title": page.title})
            return redirect("participation:page", municipality.slug, page.slug)
    return _form_page(request, municipality, form, title=_("New page"),
                      breadcrumbs=_pages_crumbs(municipality, (_("New page"), None)))


@municipality_view("participation.manage_pages")
def page_edit(request, municipality, page_slug):
    page = selectors.page_get(municipality=municipality, slug=page_slug, public=False)
    saved_title = page.title  # the form changes `page` while it validates
    form = PageForm(request.POST or None, instance=page, municipality=municipality,
                    initial={"version": page.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            page = services.page_save(municipality=municipality, page=page,
                                      version=form.cleaned_data["version"],
                                      **form.page_fields())
        except DomainError as error:
            form.add_error(None, error.message)
            status = 409 if isinstance(error, StaleEdit) else 400
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("participation:page", municipality.slug, page.slug)
    title = _("Edit “%(title)s”") % {"title": saved_title}
    return _form_page(
        request, municipality, form, title=title, status=status,
        delete_url=reverse("participation:page_delete", args=[municipality.slug, page_slug]),
        breadcrumbs=_pages_crumbs(municipality, (saved_title, reverse(
            "participation:page", args=[municipality.slug, page_slug])), (_("Edit"), None)))


@require_POST
@municipality_view("participation.manage_pages")
def page_publish(request, municipality, page_slug):
    """Publish or withdraw a page from the list; refused if it changed since the list was
    loaded, so that nobody publishes a text they have not seen."""
    page = selectors.page_get(municipality=municipality, slug=page_slug, public=False)
    publish = request.POST.get("published") == "1"
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = page.version
    try:
        services.page_save(municipality=municipality, page=page, version=version,
                           published=publish)
    except StaleEdit as error:
        messages.error(request, error.message)
        return page_list(request, municipality.slug, status=409)
    if publish:
        messages.success(request, _("“%(title)s” is now public.") % {"title": page.title})
    else:
        messages.success(request, _("“%(title)s” is no longer public.") % {"title": page.title})
    return redirect("participation:pages", municipality.slug)


@municipality_view("participation.manage_pages")
def page_delete(request, municipality, page_slug):
    page = selectors.page_get(municipality=municipality, slug=page_slug, public=False)
    if request.method == "POST":
        services.page_delete(page=page)
        messages.success(request, _("The page “%(title)s” has been deleted.")
                         % {"title": page.title})
        return redirect("participation:pages", municipality.slug)
    return render(request, "participation/pages/delete.html", {
        "municipality": municipality, "page": page,
        "breadcrumbs": _pages_crumbs(municipality, (page.title, reverse(
            "participation:page", args=[municipality.slug, page_slug])), (_("Delete"), None)),
    })
