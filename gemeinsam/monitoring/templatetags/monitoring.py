import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from gemeinsam.monitoring.models import Status

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}


@register.filter
def markdown(text):
    """Markdown as HTML that cannot carry scripts, styles or foreign embeds."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    # Headings start at h3: the page already has h1 and h2.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))


@register.filter
def status_class(status):
    return f"status status--{status or 'unknown'}"


@register.filter
def status_label(status):
    return Status(status or Status.UNKNOWN).label
