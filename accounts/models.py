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
        help_text="The organisations this person belongs to (their groups' private forums are "
        "open to them). A partner editor (staff, in “Partner editors”) also edits their records.",
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
        """Holds the moderator role (whether or not this session may use it now)."""
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

    @property
    def needs_second_factor(self) -> bool:
        """Holds rights beyond a member's, which work only after a code from an app."""
        return self.is_active and (self.is_staff or self.is_superuser or self.is_moderator)

    def has_verified_second_factor(self) -> bool:
        """This session gave a code from the account's confirmed authenticator app.

        django-otp's OTPMiddleware installs `is_verified` on the signed-in request's user;
        any other instance (another person, a Celery batch, an e-mail) has no such session,
        so nothing outside a verified request acts with more than a member's rights.
        """
        is_verified = getattr(self, "is_verified", None)
        return self.is_active and callable(is_verified) and is_verified()

    def acts_as_site_administrator(self) -> bool:
        """The one rule of staff rights: staff status and superuser, with a second factor now."""
        return self.is_staff and self.is_superuser and self.has_verified_second_factor()

    def acts_as_moderator(self) -> bool:
        """Moderator rights now: the role (or a site administrator's), and a second factor."""
        if not self.has_verified_second_factor():
            return False
        return self.acts_as_site_administrator() or self.is_moderator

    def editable_organisation_ids(self) -> set[int]:
        """The organisations whose records this user may change now (cached per instance).

        Editing needs the partner editor role and staff status as they stand, and a second
        factor in this session; organisations left on a former editor's profile give none.
        """
        if not hasattr(self, "_editable_organisation_ids"):
            acts_as_editor = (
                self.is_staff
                and self.has_verified_second_factor()
                and self.has_role(Role.PARTNER_EDITOR)
            )
            self._editable_organisation_ids = (
                self.member_organisation_ids() if acts_as_editor else set()
            )
        return self._editable_organisation_ids

    def member_organisation_ids(self) -> set[int]:
        """The organisations this person belongs to (a group's private forum is for them);
        belonging is not an editing right (cached per instance)."""
        if not hasattr(self, "_member_organisation_ids"):
            self._member_organisation_ids = (
                set(self.organisations.values_list("pk", flat=True)) if self.is_active else set()
            )
        return self._member_organisation_ids


class CspViolation(models.Model):
    """One kind of content security policy violation that browsers reported, counted.

    Only what a site administrator needs to find the cause is kept: pages and scripts
    without their query strings, the blocked resource's origin (or keyword), never the
    visitor's address, so the table holds no personal data and grows only with new kinds.
    """

    document = models.CharField("page", max_length=500)
    directive = models.CharField(max_length=100)
    blocked = models.CharField("blocked resource", max_length=300, blank=True)
    source_file = models.CharField(max_length=500, blank=True)
    line_number = models.PositiveIntegerField(default=0, help_text="0 when not reported.")
    disposition = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content security policy violation"
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "directive", "blocked", "source_file", "line_number"],
                name="accounts_csp_violation_once",
            )
        ]

    def __str__(self):
        return f"{self.directive} on {self.document}"
