"""The board pack's rules, enforced by its services whoever calls them."""

import uuid

import pytest

from governance import services
from governance.models import Body, Meeting, PackVersion
from partnership.services.guards import DomainError
from tests.governance.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _executive(**fields):
    return MeetingFactory(body=Body.EXECUTIVE, subgroup=None, title="Executive", **fields)


def test_only_the_business_unit_circulates_a_pack(world):
    meeting = _executive()
    with pytest.raises(DomainError):
        services.pack_circulate(
            meeting=meeting,
            recipients=[world.partnership_lead],
            token=uuid.uuid4(),
            actor=world.partnership_lead,
        )
    assert not PackVersion.objects.exists()


def test_a_cancelled_meetings_pack_is_not_circulated(world):
    meeting = _executive(status=Meeting.Status.CANCELLED)
    with pytest.raises(DomainError, match="cancelled"):
        services.pack_circulate(
            meeting=meeting,
            recipients=[world.partnership_lead],
            token=uuid.uuid4(),
            actor=world.business_unit,
        )


def test_only_a_deep_dive_can_be_chosen_for_scrutiny(world):
    from tests.factories import ConsultationFactory

    consultation = ConsultationFactory().learning_source
    with pytest.raises(DomainError, match="deep dive"):
        services.meeting_scrutiny_set(meeting=_executive(), source=consultation, actor=world.business_unit)


def test_a_pack_goes_by_default_to_the_partnership_leads_and_a_subgroups_own_people(world):
    from governance.selectors import pack_default_recipients
    from tests.factories import ReviewFactory

    executive = _executive()
    subgroup_meeting = MeetingFactory(subgroup=world.subgroup)
    assert list(pack_default_recipients(executive)) == [world.partnership_lead]
    # The pack names case reviews: a subgroup's own people get it only when it oversees them.
    assert set(pack_default_recipients(subgroup_meeting)) == {world.partnership_lead}
    ReviewFactory(subgroup=world.subgroup)
    assert set(pack_default_recipients(subgroup_meeting)) == {
        world.partnership_lead,
        world.subgroup_chair,
        world.subgroup_member,
    }


def test_a_pack_never_goes_to_someone_who_may_not_read_case_reviews(world):
    from governance.selectors import pack_recipient_choices

    meeting = _executive()
    choices = set(pack_recipient_choices(meeting))
    assert {world.business_unit, world.partnership_lead} <= choices
    assert not choices & {world.agency_lead, world.other_agency_lead, world.lay_member, world.no_role}
    with pytest.raises(DomainError, match="goes only to"):
        services.pack_circulate(meeting=meeting, recipients=[world.partnership_lead, world.agency_lead],
                                token=uuid.uuid4(), actor=world.business_unit)  # fmt: skip
    assert not PackVersion.objects.exists()
