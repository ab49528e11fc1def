"""Who the partnership is: its areas, agencies, subgroups, priorities, themes and people."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


def choices_constraint(field: str, choices, name: str) -> models.CheckConstraint:
    """A database check that `field` holds one of `choices`, so bad data cannot be saved."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class OrganisationRecord(models.Model):
    """What every organisational record shares: deactivated rather than deleted, and history."""

    active = models.BooleanField(
        default=True,
        help_text="Inactive records stay in history and reports but cannot be chosen for new work.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True


class Area(OrganisationRecord):
    """A local authority area the partnership covers (a partnership may cover more than one)."""

    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership:area-detail", args=[self.pk])


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    VOLUNTARY = "voluntary", "Voluntary and community"
    OTHER = "other", "Other"


class PartnerStatus(models.TextChoices):
    STATUTORY_PARTNER = "statutory_partner", "Statutory safeguarding partner"
    RELEVANT_AGENCY = "relevant_agency", "Relevant agency"


class Agency(OrganisationRecord):
    """A partner organisation: one of the statutory safeguarding partners or a relevant agency."""

    Sector = Sector
    PartnerStatus = PartnerStatus

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=32, choices=Sector.choices)
    partner_status = models.CharField(
        "statutory partner or relevant agency",
        max_length=32,
        choices=PartnerStatus.choices,
        default=PartnerStatus.RELEVANT_AGENCY,
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="Leave empty for an agency that works across the whole partnership.",
    )
    # The senior manager the partnership writes to when it escalates beyond the subgroup (the
    # chair's letter about Section 11 improvements still outstanding, a risk flagged).
    senior_manager_name = models.CharField(max_length=200, blank=True)
    senior_manager_role = models.CharField(
        max_length=200, blank=True, help_text="For example, Director of Children's Services."
    )
    senior_manager_email = models.EmailField(
        blank=True,
        help_text="The partnership's escalation letters go to this address.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            choices_constraint("sector", Sector, "agency_sector_valid"),
            choices_constraint("partner_status", PartnerStatus, "agency_partner_status_valid"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership:agency-detail", args=[self.pk])

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def senior_manager(self) -> str:
        """ "Name, role <email>" for the pages, or an empty string when there is none."""
        who = ", ".join(part for part in (self.senior_manager_name, self.senior_manager_role) if part)
        if self.senior_manager_email:
            who = f"{who} <{self.senior_manager_email}>" if who else self.senior_manager_email
        return who


class Subgroup(OrganisationRecord):
    """A subgroup of the partnership (Learning and Improvement, Training, Practice Review, …).

    Its chair and members are the people holding the subgroup chair and subgroup member roles
    for it: role assignments are the one record of who sits where.
    """

    name = models.CharField(max_length=200, unique=True)
    remit = models.TextField(help_text="What the subgroup is responsible for, in a sentence or two.")
    terms_of_reference = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership:subgroup-detail", args=[self.pk])


class Priority(OrganisationRecord):
    """One of the partnership's priorities for a reporting year (April to March)."""

    year = models.PositiveSmallIntegerField(
        help_text="The year the reporting year starts in: 2026 means April 2026 to March 2027."
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    outcome = models.TextField(
        "what the partnership wants to achieve",
        blank=True,
        help_text="The difference for children and families by the end of the year.",
    )
    owner_subgroup = models.ForeignKey(
        Subgroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priorities_owned",
        verbose_name="owning subgroup",
    )
    owner_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priorities_owned",
        verbose_name="owning partner",
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["year", "title"], name="priority_unique_per_year"),
            # One owner at most in the database (priorities recorded before owners were asked
            # for have none); the form asks for exactly one.
            models.CheckConstraint(
                condition=Q(owner_subgroup__isnull=True) | Q(owner_agency__isnull=True),
                name="priority_one_owner",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.reporting_year})"

    def get_absolute_url(self):
        return reverse("partnership:priority-detail", args=[self.pk])

    @property
    def reporting_year(self) -> str:
        return f"{self.year}/{str(self.year + 1)[-2:]}"

    @property
    def owner(self):
        """The subgroup or partner agency that answers for the priority, or None."""
        return self.owner_subgroup or self.owner_agency


class Theme(OrganisationRecord):
    """A learning theme (neglect, exploitation, voice of the child, …) that tags learning."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership:theme-detail", args=[self.pk])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        return (email or "").strip().lower()

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("full_name", "Administrator")
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)

    def get_by_natural_key(self, username):
        return self.get(email=self.normalize_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: business unit staff, partners, chairs, agency leads, lay members.

    What they may do comes from their role assignments, never from Django's groups.
    """

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="people")
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive people cannot sign in. Their records stay."
    )
    is_staff = models.BooleanField(
        default=False, help_text="May use the Django admin site (superusers only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email)

    def get_absolute_url(self):
        return reverse("partnership:person-detail", args=[self.pk])

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def active(self):
        return self.is_active


class Role(models.TextChoices):
    BUSINESS_UNIT = "business_unit", "Business unit"
    PARTNERSHIP_LEAD = "partnership_lead", "Partnership lead"
    SUBGROUP_CHAIR = "subgroup_chair", "Subgroup chair"
    SUBGROUP_MEMBER = "subgroup_member", "Subgroup member"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    LAY_MEMBER = "lay_member", "Lay member"
    PEER_CHALLENGER = "peer_challenger", "Peer challenger"


SUBGROUP_ROLES = frozenset({Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER})
AGENCY_ROLES = frozenset({Role.AGENCY_LEAD})


class RoleAssignment(models.Model):
    """A role a person holds, scoped to a subgroup (chair, member) or an agency (agency lead)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "subgroup__name", "agency__name"]
        constraints = [
            choices_constraint("role", Role, "role_assignment_role_valid"),
            # A subgroup role names its subgroup, an agency role its agency, the rest neither.
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=sorted(r.value for r in SUBGROUP_ROLES),
                        subgroup__isnull=False,
                        agency__isnull=True,
                    )
                    | Q(
                        role__in=sorted(r.value for r in AGENCY_ROLES),
                        agency__isnull=False,
                        subgroup__isnull=True,
                    )
                    | (
                        ~Q(role__in=sorted(r.value for r in SUBGROUP_ROLES | AGENCY_ROLES))
                        & Q(subgroup__isnull=True, agency__isnull=True)
                    )
                ),
                name="role_assignment_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(subgroup__isnull=True, agency__isnull=True),
                name="role_assignment_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "subgroup"],
                condition=Q(subgroup__isnull=False),
                name="role_assignment_unique_subgroup",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(agency__isnull=False),
                name="role_assignment_unique_agency",
            ),
        ]

    def __str__(self):
        scope = self.subgroup or self.agency
        label = self.get_role_display()
        return f"{label} ({scope})" if scope else label

    @property
    def scope(self):
        return self.subgroup or self.agency
