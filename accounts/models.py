from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    """Roles beyond a plain member; each is a django.contrib.auth Group of the same name."""

    PARTNER_EDITOR = "Partner editors", "Partner editor"
    MODERATOR = "Moderators", "Moderator"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": email})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address."""

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    organisations = models.ManyToManyField(
        "contacts.Organisation",
        blank=True,
        related_name="editors",
        help_text="As a partner editor, this person may edit these organisations' records.",
    )
    is_staff = models.BooleanField(
        "staff status", default=False, help_text="Can sign in to the admin site."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, role: Role) -> bool:
        return self.is_active and self.groups.filter(name=role.value).exists()

    @property
    def is_member(self) -> bool:
        """A member may take part (post in forums): active, with a verified e-mail address."""
        return self.is_active and self.emailaddress_set.filter(verified=True).exists()

    @property
    def is_moderator(self) -> bool:
        return self.has_role(Role.MODERATOR)

    @property
    def is_site_administrator(self) -> bool:
        return self.is_active and self.is_superuser

    def role_labels(self) -> list[str]:
        """The roles this person holds, as shown on their profile."""
        labels = ["Member"] if self.is_member else []
        held = set(self.groups.values_list("name", flat=True)) if self.is_active else set()
        labels += [role.label for role in Role if role.value in held]
        if self.is_site_administrator:
            labels.append("Site administrator")
        return labels

    def editable_organisation_ids(self) -> set[int]:
        """The organisations whose records this user may change (cached per instance)."""
        if not hasattr(self, "_editable_organisation_ids"):
            self._editable_organisation_ids = set(self.organisations.values_list("pk", flat=True))
        return self._editable_organisation_ids
