"""The declared interface between the content apps and the rooms above them.

Each app fills this registry in its AppConfig.ready(); the home page, the main
navigation, seed_demo and the page-guard tests read it, so adding a content
type never means editing those by hand. This module imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A public section of the site: a navigation entry and a home-page tile."""

    key: str
    label: str
    url_name: str
    order: int
    description: str = ""
    count: Callable[[], int] | None = None
    latest: Callable[[int], list] | None = None
    in_navigation: bool = True


@dataclass
class Seeder:
    """Builds demo records for one app; `run(scale, rng, stdout)` must be idempotent."""

    key: str
    order: int
    run: Callable
    depends_on: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class OrganisationPanel:
    """One app's records on an organisation's page (its projects, papers, events ...).

    `context(organisation, request)` returns the context for `template_name`, or None to
    leave the panel out (for instance when the organisation has no such records). The
    template renders its own <h2>; it must load what it lists in a bounded number of queries.
    """

    key: str
    order: int
    template_name: str
    context: Callable[[Any, Any], dict | None]


@dataclass(frozen=True)
class GroupPanel(OrganisationPanel):
    """One app's records on a group's page (its papers ...): as OrganisationPanel, but
    `context(group, request)` is given the Group."""


_sections: dict[str, Section] = {}
_seeders: dict[str, Seeder] = {}
_organisation_panels: dict[str, OrganisationPanel] = {}
_group_panels: dict[str, GroupPanel] = {}


def register_section(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: s.order)


def register_seeder(seeder: Seeder) -> None:
    _seeders[seeder.key] = seeder


def seeders() -> list[Seeder]:
    return sorted(_seeders.values(), key=lambda s: s.order)


def register_organisation_panel(panel: OrganisationPanel) -> None:
    _organisation_panels[panel.key] = panel


def organisation_panels() -> list[OrganisationPanel]:
    return sorted(_organisation_panels.values(), key=lambda p: p.order)


def register_group_panel(panel: GroupPanel) -> None:
    _group_panels[panel.key] = panel


def group_panels() -> list[GroupPanel]:
    return sorted(_group_panels.values(), key=lambda p: p.order)
