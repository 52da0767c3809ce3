"""The one rule every content app's admin follows: a partner editor sees and changes only
the records of the organisations on their profile; a site administrator sees everything."""

from django.apps import apps
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db.models import ForeignKey, Q
from django.forms import ModelChoiceField
from django.http import Http404
from django.utils.text import get_text_list

from . import registry
from .ownership import owner_id_along


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


class OrganisationScopedAdmin:
    """ModelAdmin mixin: put it before admin.ModelAdmin and set `owner_field`.

    `owner_field` is the lookup path from the model to its owning Organisation: "pk" for
    Organisation itself, "organisation", "convenor", "project__lead_organisation" ...

    A foreign key or many-to-many field to a model with a scoped admin offers and accepts
    only what that admin's `choosable_by(request)` allows (published records and the
    editor's own drafts by default); the admin's autocomplete lists the same.
    """

    owner_field: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.owner_field:
            raise ImproperlyConfigured(f"{type(self).__name__} must set owner_field.")

    # Whom the rule applies to

    @staticmethod
    def is_unscoped(request) -> bool:
        return request.user.is_active and request.user.is_superuser

    @staticmethod
    def editable_organisation_ids(request) -> set[int]:
        return request.user.editable_organisation_ids()

    def owner_id_of(self, obj):
        """The pk of the organisation that owns `obj`, following `owner_field`."""
        return owner_id_along(obj, self.owner_field)

    def is_owned_by_user(self, request, obj) -> bool:
        return self.owner_id_of(obj) in self.editable_organisation_ids(request)

    def owned_by_user(self, request, queryset):
        owner_lookup = "pk__in" if self.owner_field == "pk" else f"{self.owner_field}__in"
        return queryset.filter(**{owner_lookup: self.editable_organisation_ids(request)})

    # Lists, change, delete and history pages

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_unscoped(request):
            return queryset
        if _is_autocomplete(request):
            return queryset.filter(pk__in=self._autocomplete_choices(request).values("pk"))
        return self.owned_by_user(request, queryset)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and self._may_touch(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and self._may_touch(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and self._may_touch(request, obj)

    def has_add_permission(self, request, *args):
        allowed = super().has_add_permission(request, *args)
        return allowed and (
            self.is_unscoped(request) or bool(self.editable_organisation_ids(request))
        )

    def _may_touch(self, request, obj):
        return obj is None or self.is_unscoped(request) or self.is_owned_by_user(request, obj)

    # django-simple-history judges an old version by the owner it had then, so an editor
    # whose organisation once owned a record could open it and save it back. Here the live
    # record decides, before simple-history's own checks (which then look only at the
    # model-level permission); a deleted record's history is for site administrators.

    def _404_unless_the_live_record_is_theirs(self, request, object_id):
        if self.get_object(request, unquote(object_id)) is None and not self.is_unscoped(request):
            raise Http404("No such record.")

    def history_view(self, request, object_id, extra_context=None):
        self._404_unless_the_live_record_is_theirs(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._404_unless_the_live_record_is_theirs(request, object_id)
        if request.method == "POST" and not self.has_change_history_permission(request):
            # simple-history saves a posted version with the view permission alone.
            raise PermissionDenied("You may not change this record.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        return super().has_view_history_or_change_history_permission(request, None)

    def has_view_history_permission(self, request, obj=None):
        return super().has_view_history_permission(request, None)

    def has_change_history_permission(self, request, obj=None):
        return super().has_change_history_permission(request, None)

    # What other records' forms may link to

    def choosable_by(self, request):
        """The records of this model that the user may choose in another record's form (or
        find through its autocomplete): what they may see where the model says (published
        records and their own drafts, or a contact's audience), otherwise their own."""
        records = self.model._default_manager.all()
        if self.is_unscoped(request):
            return records
        if hasattr(records, "visible_to"):
            return records.visible_to(request.user)
        return self.owned_by_user(request, records)

    def choices_for(self, request, db_field):
        """The records the user may choose in `db_field` (a foreign key or many-to-many of
        this admin's model), or None where any record may be chosen."""
        owner_field, rest = self._owner_form_field()
        related_model = db_field.remote_field.model
        if owner_field is not None and db_field.name == owner_field.name:
            ids = self.editable_organisation_ids(request)
            return related_model._default_manager.filter(**{f"{rest}__in": ids})
        related_admin = self._scoped_admin_of(related_model)
        return None if related_admin is None else related_admin.choosable_by(request)

    def _scoped_admin_of(self, model):
        try:
            model_admin = self.admin_site.get_model_admin(model)
        except NotRegistered:
            return None
        return model_admin if isinstance(model_admin, OrganisationScopedAdmin) else None

    def _autocomplete_choices(self, request):
        """What the form field asking for suggestions accepts (AutocompleteJsonView has
        checked its app_label, model_name and field_name before it asks for the records)."""
        source_model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        source_admin = self._scoped_admin_of(source_model)
        if source_admin is not None:
            field = source_model._meta.get_field(request.GET["field_name"])
            choices = source_admin.choices_for(request, field)
            if choices is not None:
                return choices
        return self.choosable_by(request)

    # Add and change forms

    def _owner_form_field(self):
        """The model's own foreign key on the way to the owner, and the rest of the path."""
        if self.owner_field == "pk":
            return None, None
        first, _, rest = self.owner_field.partition("__")
        try:
            field = self.model._meta.get_field(first)
        except FieldDoesNotExist:
            return None, None
        return (field, rest or "pk") if isinstance(field, ForeignKey) else (None, None)

    def _owner_choice_message(self, request):
        names = (
            registry.organisations()
            .model.objects.filter(pk__in=self.editable_organisation_ids(request))
            .values_list("name", flat=True)
        )
        return (
            "You can only choose an organisation whose records you edit: "
            f"{get_text_list([str(name) for name in names], 'or')}."
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not self.is_unscoped(request):
            choices = self.choices_for(request, db_field)
            if choices is not None:
                kwargs.setdefault("queryset", choices)
            owner_field, rest = self._owner_form_field()
            if owner_field is not None and db_field.name == owner_field.name:
                kwargs.setdefault("error_messages", {})["invalid_choice"] = (
                    self._owner_choice_message(request)
                )
                ids = self.editable_organisation_ids(request)
                if len(ids) == 1 and rest == "pk":
                    kwargs["initial"] = next(iter(ids))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not self.is_unscoped(request):
            choices = self.choices_for(request, db_field)
            if choices is not None:
                kwargs.setdefault("queryset", choices)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _keep_current_choices(self, request, form):
        """A record keeps the links it has: what it points to now stays a valid choice even
        if the editor could not choose it today (a contact since made staff-only)."""
        instance = form.instance
        owner_field, _ = self._owner_form_field()
        for name, form_field in form.fields.items():
            if owner_field is not None and name == owner_field.name:
                continue
            if not isinstance(form_field, ModelChoiceField):
                continue
            try:
                db_field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not db_field.is_relation or self.choices_for(request, db_field) is None:
                continue
            if db_field.many_to_many:
                if instance.pk is None:
                    continue
                current = Q(pk__in=getattr(instance, name).values("pk"))
            elif getattr(instance, db_field.attname) is not None:
                current = Q(pk=getattr(instance, db_field.attname))
            else:
                continue
            allowed = form_field.queryset
            form_field.queryset = allowed.model._default_manager.filter(
                Q(pk__in=allowed.values("pk")) | current
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if self.is_unscoped(request):
            return form_class
        model_admin = self

        class OwnerCheckedForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                model_admin._keep_current_choices(request, self)

            def _post_clean(self):
                # After the cleaned values are on the instance, so the owner is read the
                # same way for a direct foreign key as for a longer owner_field path.
                super()._post_clean()
                owner_field, _ = model_admin._owner_form_field()
                field_name = owner_field.name if owner_field else None
                if field_name not in self.fields:
                    field_name = None
                if field_name in self.errors:
                    return
                if not model_admin.is_owned_by_user(request, self.instance):
                    self.add_error(field_name, model_admin._owner_choice_message(request))

        OwnerCheckedForm.__name__ = form_class.__name__
        return OwnerCheckedForm

    def save_model(self, request, obj, form, change):
        if not self.is_unscoped(request) and not self.is_owned_by_user(request, obj):
            raise PermissionDenied("This record belongs to an organisation you do not edit.")
        super().save_model(request, obj, form, change)
