import re

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from gemeinsam.monitoring.models import Status

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
HEADING = re.compile(r"<(/?)h([1-6])>")


@register.filter
def markdown(text, top=3):
    """Markdown as HTML that cannot carry scripts, styles or foreign embeds. Its highest
    heading becomes h`top` (by default h3: the page has h1 and h2 already), the others keep
    their order below it, so the page's outline has no gaps."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    used = [level for level in range(1, 7) if f"<h{level}>" in html]
    if used:
        shift = int(top) - used[0]
        html = HEADING.sub(lambda match: f"<{match[1]}h{min(int(match[2]) + shift, 6)}>", html)
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener nofollow"))


@register.filter
def status_class(status):
    return f"status status--{status or 'unknown'}"


@register.filter
def status_label(status):
    return Status(status or Status.UNKNOWN).label
