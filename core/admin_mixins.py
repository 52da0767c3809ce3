"""The one rule every content app's admin follows: a partner editor sees and changes only
the records of the organisations on their profile; a site administrator sees everything."""

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db.models import ForeignKey
from django.utils.text import get_text_list

from . import registry
from .ownership import owner_id_along


class OrganisationScopedAdmin:
    """ModelAdmin mixin: put it before admin.ModelAdmin and set `owner_field`.

    `owner_field` is the lookup path from the model to its owning Organisation: "pk" for
    Organisation itself, "organisation", "convenor", "project__lead_organisation" ...
    Many-to-many fields (partners, members) are left alone: those may be any organisation.
    """

    owner_field: str = ""
    # Autocomplete lists of this model, used by other forms (e.g. a group's member
    # organisations), show every record when False; the editor's own when True.
    scope_autocomplete: bool = True

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

    # Lists, change, delete and history pages

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_unscoped(request):
            return queryset
        match = getattr(request, "resolver_match", None)
        if not self.scope_autocomplete and match and match.url_name == "autocomplete":
            return queryset
        owner_lookup = "pk__in" if self.owner_field == "pk" else f"{self.owner_field}__in"
        return queryset.filter(**{owner_lookup: self.editable_organisation_ids(request)})

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
        owner_field, rest = self._owner_form_field()
        is_owner_field = owner_field is not None and db_field.name == owner_field.name
        if is_owner_field and not self.is_unscoped(request):
            ids = self.editable_organisation_ids(request)
            related = db_field.remote_field.model._default_manager
            kwargs["queryset"] = related.filter(**{f"{rest}__in": ids})
            kwargs.setdefault("error_messages", {})["invalid_choice"] = self._owner_choice_message(
                request
            )
            if len(ids) == 1 and rest == "pk":
                kwargs["initial"] = next(iter(ids))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if self.is_unscoped(request):
            return form_class
        model_admin = self

        class OwnerCheckedForm(form_class):
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
