"""factory_boy factories for the partnership core; each later app adds its own beside these."""

import factory

from partnership.models import Agency, Area, Priority, Role, RoleAssignment, Subgroup, Theme, User


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Area {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    sector = Agency.Sector.HEALTH
    partner_status = Agency.PartnerStatus.RELEVANT_AGENCY
    area = factory.SubFactory(AreaFactory)


class SubgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subgroup

    name = factory.Sequence(lambda n: f"Subgroup {n}")
    remit = "Oversees a part of the partnership's learning."


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    year = 2026
    title = factory.Sequence(lambda n: f"Priority {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Safeguarding lead"
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.BUSINESS_UNIT


PASSWORD = "correct horse battery staple"
