"""The services' shared guards: one meaning of "no actor", and the transition check."""

import pytest

from partnership.services import DomainError
from partnership.services.guards import check_transition, require, require_actor


def test_require_refuses_with_the_users_message_and_field():
    require(True, "never shown")
    with pytest.raises(DomainError) as refused:
        require(False, "Give a reason.", field="reason")
    assert refused.value.message == "Give a reason."
    assert refused.value.field == "reason"


def test_require_actor_lets_the_product_act_and_checks_every_person():
    def may(user, *args):
        return user == "chair" and args == ("plan",)

    require_actor(None, may, "not shown", "plan")
    require_actor("chair", may, "not shown", "plan")
    with pytest.raises(DomainError, match="Only the chair"):
        require_actor("agency lead", may, "Only the chair can do this.", "plan")


def test_check_transition_follows_the_table_and_treats_a_missing_status_as_final():
    table = {"draft": {"submitted"}, "submitted": {"accepted", "draft"}}
    check_transition(table, "draft", "submitted")
    check_transition(table, "submitted", "draft")
    with pytest.raises(DomainError, match="cannot be made now"):
        check_transition(table, "draft", "accepted")
    with pytest.raises(DomainError, match="accepted is final"):
        check_transition(table, "accepted", "draft", message=lambda old, new: f"{old} is final")
