"""Every read of the alliance that is more than one get. Each takes the municipality and the
person asking, because the administration sees only what the team shares with it."""

import datetime
import math
from collections import defaultdict, deque

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Coalesce, Lower, RowNumber
from django.http import Http404
from django.utils import timezone

from gemeinsam.core.models import Membership, Role

from .models import (
    Actor,
    ActorKind,
    Conversation,
    Department,
    Position,
    PositionChange,
    PositionHolding,
    Relation,
    RelationKind,
    Stage,
)
from .rules import sees_only_shared, withheld

# A board, grid or list stays readable (and fast) however large the alliance grows; the full
# list is one filter away.
CELL_LIMIT = 12
WON = [Stage.COMMITTED, Stage.ACTIVE_ALLY]
COLUMN_LIMIT = 50
ORDER_LIMIT = 30


def actors_visible(*, municipality, user):
    actors = Actor.objects.filter(municipality=municipality, erased_at__isnull=True)
    if sees_only_shared(user, municipality):
        actors = actors.filter(shared_with_administration=True)
    return actors


def actor_list(*, municipality, user, kind="", sector=None, stage="", query="", owner=None):
    actors = actors_visible(municipality=municipality, user=user).select_related(
        "sector", "parent", "owner")
    if kind:
        actors = actors.filter(kind=kind)
    if sector:
        actors = actors.filter(sector=sector)
    if stage:
        actors = actors.filter(stage=stage)
    if owner:
        actors = actors.filter(owner=owner)
    if query:
        actors = actors.filter(Q(name__icontains=query) | Q(function__icontains=query)
                               | Q(parent__name__icontains=query))
    return actors.order_by("name")


def actor_get(*, municipality, user, pk):
    try:
        return actors_visible(municipality=municipality, user=user).select_related(
            "sector", "parent", "owner").get(pk=pk)
    except Actor.DoesNotExist:
        raise Http404 from None


def _current_holdings():
    return Prefetch("holdings", PositionHolding.objects.filter(ended_on__isnull=True)
                    .select_related("person"), to_attr="current_holdings")


def _withhold(user, municipality, holdings):
    """Mark holders the person asking may not see; templates show "not shared" for them."""
    for holding in holdings:
        holding.withheld = withheld(user, municipality, holding.person)
    return holdings


def actor_detail(*, actor, user):
    """What the actor's page shows beside the record itself, limited to what `user` may see."""
    municipality = actor.municipality
    visible = actors_visible(municipality=municipality, user=user)
    conversations = list(actor.conversations.prefetch_related(
        Prefetch("participants", visible, to_attr="visible_participants"), "team_participants",
    ).select_related("logged_by"))
    positions = list(actor.positions.prefetch_related(_current_holdings()))
    for position in positions:
        _withhold(user, municipality, position.current_holdings)
    return {
        "ratings": actor.ratings.select_related("rated_by")[:20],
        "conversations": conversations,
        "relations_out": actor.relations_out.filter(target__in=visible).select_related("target"),
        "relations_in": actor.relations_in.filter(source__in=visible).select_related("source"),
        "members": visible.filter(parent=actor).order_by("name"),
        "holdings": actor.holdings.select_related("position", "position__department"),
        "positions": positions,
    }


def approach_order(actors):
    """Seed 002's "from easy to hard": friendly and interested first, then by power.

    Ease is attitude plus interest; among equally easy actors the more powerful come first,
    because winning them moves more. Unrated actors are left out.
    """
    return (actors.filter(power__isnull=False, interest__isnull=False)
            .alias(ease=Coalesce("attitude", 0) + F("interest"))
            .order_by("-ease", "-power", Lower("name")))


def _first_per_group(actors, group_by, order_by, limit):
    """The first `limit` actors of each group, in one query (a window function)."""
    return actors.annotate(
        place=Window(RowNumber(), partition_by=[F(field) for field in group_by],
                     order_by=order_by)
    ).filter(place__lte=limit).order_by(*group_by, "place")


def grid(*, municipality, user, sector=None):
    """The Mendelow matrix: actors by power (rows) and interest (columns), 5 × 5 cells."""
    rated = actors_visible(municipality=municipality, user=user).filter(
        power__isnull=False, interest__isnull=False)
    if sector:
        rated = rated.filter(sector=sector)
    counts = {(row["power"], row["interest"]): row["n"] for row in
              rated.values("power", "interest").annotate(n=Count("pk")).order_by()}
    cells = defaultdict(list)
    for actor in _first_per_group(rated, ["power", "interest"], [Lower("name").asc()],
                                  CELL_LIMIT):
        cells[(actor.power, actor.interest)].append(actor)
    rows = [
        {"power": power,
         "cells": [{"interest": interest, "actors": cells[(power, interest)],
                    "more": counts.get((power, interest), 0) - len(cells[(power, interest)])}
                   for interest in range(1, 6)]}
        for power in range(5, 0, -1)
    ]
    return {"rows": rows, "count": sum(counts.values()),
            "order": approach_order(rated.exclude(stage__in=WON))[:ORDER_LIMIT]}


def board(*, municipality, user, sector=None, owner=None):
    actors = actors_visible(municipality=municipality, user=user)
    if sector:
        actors = actors.filter(sector=sector)
    if owner:
        actors = actors.filter(owner=owner)
    counts = dict(actors.values_list("stage").annotate(n=Count("pk")).order_by())
    by_stage = defaultdict(list)
    for actor in _first_per_group(
            actors.select_related("owner", "sector", "parent"), ["stage"],
            [F("next_step_due").asc(nulls_last=True), Lower("name").asc()], COLUMN_LIMIT):
        by_stage[actor.stage].append(actor)
    return [{"stage": value, "label": label, "actors": by_stage[value],
             "count": counts.get(value, 0)}
            for value, label in Stage.choices]


def follow_ups_due(*, municipality, user, until=None):
    """Conversations whose follow-up is due and not done, and next steps that are due."""
    until = until or timezone.localdate() + datetime.timedelta(days=7)
    visible = actors_visible(municipality=municipality, user=user)
    conversations = (Conversation.objects.filter(actor__in=visible, follow_up_done=False,
                                                 follow_up_on__lte=until)
                     .select_related("actor", "logged_by").order_by("follow_up_on"))
    steps = visible.filter(next_step_due__lte=until).exclude(next_step="").select_related(
        "owner").order_by("next_step_due")
    reviews = visible.filter(kind=ActorKind.PERSON, review_on__lte=until).order_by("review_on")
    return {"conversations": conversations, "next_steps": steps, "reviews": reviews,
            "until": until}


def sector_counts(*, municipality, user):
    return (municipality.sectors.annotate(
        actor_count=Count("actors", filter=Q(actors__in=actors_visible(
            municipality=municipality, user=user))))
        .order_by("order", "name"))


def department_tree(*, municipality, user):
    """Departments in tree order with their depth, key positions and current holders."""
    departments = list(
        Department.objects.filter(municipality=municipality).select_related("team_contact")
        .prefetch_related(Prefetch("positions", Position.objects.prefetch_related(
            _current_holdings())))
    )
    children = defaultdict(list)
    for department in departments:
        children[department.parent_id].append(department)
        for position in department.positions.all():
            _withhold(user, municipality, position.current_holdings)
    ordered = []

    def walk(parent_id, depth):
        for department in children[parent_id]:
            department.depth = depth
            department.child_count = len(children[department.pk])
            ordered.append(department)
            walk(department.pk, depth + 1)

    walk(None, 0)
    return ordered


def positions_overview(*, municipality, user):
    positions = list(Position.objects.filter(municipality=municipality)
                     .select_related("department", "organisation")
                     .prefetch_related(_current_holdings()))
    for position in positions:
        _withhold(user, municipality, position.current_holdings)
        if withheld(user, municipality, position.organisation):
            position.organisation = None
    return positions


def position_holdings(*, position, user):
    return _withhold(user, position.municipality,
                     list(position.holdings.select_related("person")))


def position_get(*, municipality, pk):
    try:
        return Position.objects.select_related("department", "organisation").get(
            municipality=municipality, pk=pk)
    except Position.DoesNotExist:
        raise Http404 from None


def position_changes_open(*, municipality):
    return (PositionChange.objects.filter(position__municipality=municipality,
                                          acknowledged=False)
            .select_related("position", "recorded_by"))


def allies_public(*, municipality):
    """The public alliance page: organisations that agreed to be shown, by sector. No people."""
    allies = (Actor.objects.filter(municipality=municipality, kind=ActorKind.ORGANISATION,
                                   shown_as_ally=True, erased_at__isnull=True)
              .select_related("sector").order_by("sector__order", "sector__name", "name"))
    by_sector = defaultdict(list)
    for ally in allies:
        by_sector[ally.sector.name if ally.sector else ""].append(ally)
    return list(by_sector.items())


def network(*, municipality, user):
    """Nodes and edges of the alliance's relations, for the network picture."""
    visible = actors_visible(municipality=municipality, user=user)
    relations = list(Relation.objects.filter(source__in=visible, target__in=visible)
                     .select_related("source", "target"))
    members = list(visible.filter(parent__in=visible).select_related("parent"))
    edges = [(r.source, r.get_kind_display(), r.target) for r in relations]
    edges += [(m, RelationKind.MEMBER_OF.label, m.parent) for m in members]
    return edges


def network_picture(edges, size=900):
    """Place the connected actors on a circle, grouped by sector, for an SVG picture."""
    nodes = {}
    for source, _label, target in edges:
        nodes[source.pk], nodes[target.pk] = source, target
    ordered = sorted(nodes.values(), key=lambda a: (a.sector_id or 0, a.name))
    centre, radius = size / 2, size / 2 - 150
    placed = {}
    for index, actor in enumerate(ordered):
        angle = 2 * math.pi * index / max(len(ordered), 1)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        placed[actor.pk] = {"actor": actor, "x": round(x, 1), "y": round(y, 1),
                            "anchor": "start" if math.cos(angle) >= 0 else "end",
                            "label_x": round(x + (8 if math.cos(angle) >= 0 else -8), 1)}
    lines = [{"x1": placed[s.pk]["x"], "y1": placed[s.pk]["y"],
              "x2": placed[t.pk]["x"], "y2": placed[t.pk]["y"]} for s, _label, t in edges]
    return {"size": size, "nodes": list(placed.values()), "lines": lines}


def path_to(*, municipality, user, start, goal):
    """The shortest chain of relations from one actor to another (breadth-first), or []."""
    edges = network(municipality=municipality, user=user)
    neighbours = defaultdict(list)
    for source, label, target in edges:
        neighbours[source.pk].append((target, label))
        neighbours[target.pk].append((source, label))
    previous = {start.pk: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current.pk == goal.pk:
            break
        for neighbour, label in neighbours[current.pk]:
            if neighbour.pk not in previous:
                previous[neighbour.pk] = (current, label)
                queue.append(neighbour)
    if goal.pk not in previous:
        return []
    chain, node = [], goal
    while previous[node.pk] is not None:
        before, label = previous[node.pk]
        chain.append((before, label, node))
        node = before
    return list(reversed(chain))



def reminders_due(*, on):
    """{team member: {"next_steps": [...], "follow_ups": [...]}} of everything due by `on`.

    A next step reminds the actor's owner; a conversation's follow-up reminds the owner too, or
    whoever logged the conversation while the actor has no owner. Only people still in the
    municipality's team are reminded.
    """
    due = defaultdict(lambda: {"next_steps": [], "follow_ups": []})
    team = set(Membership.objects.filter(role__in=[Role.MEMBER, Role.COORDINATOR])
               .values_list("user_id", "municipality_id"))
    steps = (Actor.objects.filter(erased_at__isnull=True, next_step_due__lte=on,
                                  owner__isnull=False, owner__deleted_at__isnull=True)
             .exclude(next_step="").exclude(stage__in=[Stage.DECLINED, Stage.PAUSED])
             .select_related("owner", "municipality").order_by("next_step_due"))
    for actor in steps:
        if (actor.owner_id, actor.municipality_id) in team:
            due[actor.owner]["next_steps"].append(actor)
    follow_ups = (Conversation.objects.filter(follow_up_done=False, follow_up_on__lte=on,
                                              actor__erased_at__isnull=True)
                  .select_related("actor__owner", "actor__municipality", "logged_by")
                  .order_by("follow_up_on"))
    for conversation in follow_ups:
        person = conversation.actor.owner or conversation.logged_by
        if person is not None and (person.pk, conversation.actor.municipality_id) in team:
            due[person]["follow_ups"].append(conversation)
    return dict(due)
