"""The report's closing sections: the glossary of the terms it uses, and how to report a concern
(the partnership's contact details, kept from the latest earlier year until the year has its
own; 999 printed always)."""

import pytest
import time_machine

from dashboards.report.figures import closing
from dashboards.report.figures.base import Year
from dashboards.report.glossary import TERMS

pytestmark = pytest.mark.django_db
TODAY = "2026-11-30 12:00:00+00:00"


def test_the_glossary_prints_every_term_in_alphabetical_order(world):
    rows = closing.glossary(Year.of(2025, world.business_unit)).tables[0].rows
    assert len(rows) == len(TERMS)
    assert [row[0] for row in rows] == sorted(TERMS, key=str.lower)
    assert rows[0] == ["7-minute briefing", TERMS["7-minute briefing"]]
    assert {
        "Rapid Review",
        "LCSPR",
        "Section 11",
        "RAG",
        "Subgroup",
        "Business unit",
        "Lay member",
        "CDOP",
    } <= set(TERMS)


@time_machine.travel(TODAY, tick=False)
def test_how_to_report_a_concern_keeps_the_latest_contact_details_until_the_year_has_its_own(world):
    from dashboards.report.figures import report_sections
    from dashboards.report.services import narratives_save

    narratives_save(
        year=2024, texts={"report_a_concern": "Front door: 01632 960 100."}, actor=world.business_unit
    )
    narratives_save(year=2025, texts={"report_a_concern": ""}, actor=world.business_unit)

    def concern(year):
        return {s.key: s for s in report_sections(year, user=world.business_unit)}["report_a_concern"]

    assert concern(2025).narrative == "Front door: 01632 960 100."
    assert concern(2023).narrative == ""
    assert concern(2023).tables[0].rows == [["A child is in immediate danger", "Call 999"]]
    narratives_save(
        year=2025, texts={"report_a_concern": "Front door: 01632 960 101."}, actor=world.business_unit
    )
    assert concern(2025).narrative == "Front door: 01632 960 101."
    assert concern(2026).narrative == "Front door: 01632 960 101."
