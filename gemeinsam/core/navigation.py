"""The municipality's navigation. Each app adds its section when it exists, so that a section
that is not built yet never appears."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    order: int
    # Who sees the section; public sections leave this as None.
    permission: str | None = None

    def url(self, municipality):
        return reverse(self.url_name, kwargs={"slug": municipality.slug})


_sections: dict[str, Section] = {}


def register_section(section: Section):
    _sections[section.key] = section


def sections_for(user, municipality) -> list[Section]:
    return sorted(
        (s for s in _sections.values()
         if s.permission is None or user.has_perm(s.permission, municipality)),
        key=lambda s: s.order,
    )
