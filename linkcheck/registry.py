"""Which fields of which models hold outbound URLs, declared by the apps that own them.

In its AppConfig.ready() an app calls

    register_url_field(Organisation, "website", owner="pk")
    register_url_field(Project, "website", owner="lead_organisation")
    register_url_field(ProjectLink, "url", owner="project__lead_organisation")

`owner` is the lookup path from the model to the Organisation that owns the record (as for
accounts.roles.register_owned_model), so reports can put each broken link in front of the
people who can fix it. From then on, saving a record registers its URLs (a Link per unique
URL, a LinkUsage per field) and queues a priority check of any new one after the commit;
deleting a record unregisters them (receivers.py). This module imports no content app:
apps come to it.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.ownership import owner_id_along

_state = threading.local()


@dataclass(frozen=True)
class URLField:
    model: type
    field_name: str
    owner: str
    label: str

    def value(self, instance) -> str:
        return (getattr(instance, self.field_name, "") or "").strip()

    def owner_id(self, instance):
        """The pk of the owning organisation, following `owner` ("pk", "convenor" ...)."""
        return owner_id_along(instance, self.owner)


@dataclass(frozen=True)
class OwnedThrough:
    """A URL field whose owner is reached through another model's record (a related link
    through its project): `lookup` leads from the field's model to that record, and a save
    of the record that writes one of `owner_fields` (the next hop, by name or column) may
    change the owner."""

    entry: URLField
    lookup: str
    owner_fields: frozenset[str]


_fields: dict[str, list[URLField]] = {}
_owned_through: dict[type, list[OwnedThrough]] = {}


def register_url_field(model, field_name, *, owner, label=None):
    """Declare that `model.field_name` holds an outbound URL owned through `owner`."""
    model._meta.get_field(field_name)  # fail at start-up on a typo, not at the first save
    label = label or model._meta.get_field(field_name).verbose_name
    key = model._meta.label_lower
    entries = [f for f in _fields.get(key, []) if f.field_name != field_name]
    _fields[key] = [*entries, URLField(model, field_name, owner, str(label))]
    _owned_through.clear()


def url_fields(model=None) -> list[URLField]:
    if model is not None:
        return list(_fields.get(model._meta.label_lower, []))
    return [f for entries in _fields.values() for f in entries]


def owned_through(model) -> list[OwnedThrough]:
    """The URL fields of other models whose owner is reached through a `model` record."""
    if model not in _owned_through:
        _owned_through[model] = [
            OwnedThrough(entry, "__".join(hops[:depth]), _names_of(model, hops[depth]))
            for entry in url_fields()
            for hops in [entry.owner.split("__")]
            for depth in range(1, len(hops))
            if _model_at(entry.model, hops[:depth]) is model
        ]
    return _owned_through[model]


def _names_of(model, field_name) -> frozenset[str]:
    field = model._meta.get_field(field_name)
    return frozenset({field.name, getattr(field, "attname", field.name)})


def _model_at(model, hops):
    for hop in hops:
        model = model._meta.get_field(hop).related_model
        if model is None:
            return None
    return model


def sync_owners_through(throughs, pk):
    """Give the usages of the URL fields owned through the record `pk` (`throughs`, from
    owned_through()) the owner they have now: a project's related links follow a change
    of lead. A query or two for each field, however many records show it."""
    from .models import LinkUsage

    for through in throughs:
        entry = through.entry
        records = entry.model._default_manager.filter(**{through.lookup: pk})
        by_owner = {}
        for object_id, owner_id in records.values_list("pk", entry.owner):
            by_owner.setdefault(owner_id, []).append(str(object_id))
        content_type = ContentType.objects.get_for_model(entry.model)
        for owner_id, object_ids in by_owner.items():
            LinkUsage.objects.filter(
                content_type=content_type, field_name=entry.field_name, object_id__in=object_ids
            ).exclude(owner_id=owner_id).update(owner_id=owner_id)


@contextmanager
def checks_deferred():
    """Register URLs but queue no checks (bulk loads and demo data): the sweep gets to them."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def checks_are_deferred() -> bool:
    return getattr(_state, "deferred", False)


def normalise(url: str) -> str:
    return url.strip()


def sync_record(instance) -> list[int]:
    """Make the stored usages of `instance` match its URL fields now; the ids of links new
    to this record (to be checked soon) are returned."""
    from .checker import host_key
    from .models import Link, LinkUsage

    fields = url_fields(type(instance))
    if not fields or instance.pk is None:
        return []
    content_type = ContentType.objects.get_for_model(type(instance))
    object_id = str(instance.pk)
    label = str(instance)[:300]
    existing = {
        usage.field_name: usage
        for usage in LinkUsage.objects.filter(
            content_type=content_type, object_id=object_id
        ).select_related("link")
    }
    added, dropped = [], []
    for entry in fields:
        url = normalise(entry.value(instance))
        usage = existing.pop(entry.field_name, None)
        if not url:
            if usage is not None:
                usage.delete()
                dropped.append(usage.link_id)
            continue
        owner_id = entry.owner_id(instance)
        if usage is not None and usage.link.url == url:
            if (usage.owner_id, usage.record_label) != (owner_id, label):
                usage.owner_id, usage.record_label = owner_id, label
                usage.save(update_fields=["owner", "record_label", "registered_at"])
            continue
        link, _ = Link.objects.get_or_create(url=url, defaults={"host": host_key(url)[:255]})
        if usage is None:
            LinkUsage.objects.create(
                link=link,
                content_type=content_type,
                object_id=object_id,
                field_name=entry.field_name,
                owner_id=owner_id,
                record_label=label,
            )
        else:
            dropped.append(usage.link_id)
            usage.link, usage.owner_id, usage.record_label = link, owner_id, label
            usage.save()
        added.append(link.pk)
    for usage in existing.values():  # fields no longer registered
        usage.delete()
        dropped.append(usage.link_id)
    _drop_orphans(dropped)
    return added


def unregister_record(instance):
    from .models import LinkUsage

    content_type = ContentType.objects.get_for_model(type(instance))
    usages = LinkUsage.objects.filter(content_type=content_type, object_id=str(instance.pk))
    link_ids = list(usages.values_list("link_id", flat=True))
    usages.delete()
    _drop_orphans(link_ids)


def _drop_orphans(link_ids):
    """A URL no record shows any more is not the site's to check."""
    from .models import Link

    if link_ids:
        Link.objects.filter(pk__in=link_ids, usages__isnull=True).delete()


def sync_all(chunk_size=500) -> int:
    """Re-read every registered field of every record (catches bulk updates that sent no
    signals); returns the number of records read."""
    from .models import LinkUsage

    seen = 0
    with checks_deferred():
        for model in {entry.model for entry in url_fields()}:
            content_type = ContentType.objects.get_for_model(model)
            live_ids = set()
            for instance in model._default_manager.all().iterator(chunk_size=chunk_size):
                with transaction.atomic():
                    sync_record(instance)
                live_ids.add(str(instance.pk))
                seen += 1
            stale = [
                (pk, link_id)
                for pk, object_id, link_id in LinkUsage.objects.filter(
                    content_type=content_type
                ).values_list("pk", "object_id", "link_id")
                if object_id not in live_ids
            ]
            for start in range(0, len(stale), chunk_size):
                batch = stale[start : start + chunk_size]
                LinkUsage.objects.filter(pk__in=[pk for pk, _ in batch]).delete()
                _drop_orphans([link_id for _, link_id in batch])
    return seen
