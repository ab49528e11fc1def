"""Demo training, for `seed_demo`: last year's and this year's programmes (linked to the year's
priorities, overseen by the Training subgroup) with courses at all three levels, about forty
past and upcoming sessions and five hundred places; attendance with no-shows, evaluations from
about three in five of those who came, three-month follow-ups from participants and their line
managers with impact examples tagged with themes and linked to the demo's audit and consultation
learning; the agencies' coverage returns; the needs assessments for this year and next; and
last year's impact analysis with its findings, recommendations and action plan; and the neglect
courses linked to the Child P LCSPR's neglect finding (`link_findings`). So the analysis pages
show real, plausible figures.

Dates are relative to the day it runs (upcoming sessions are in the future). Running it again
changes nothing: a programme is found by its year, a course by its programme and title (made
whole, with its sessions, places and answers, or skipped whole: courses.py), a coverage return
by agency, year and level, a needs assessment by year and the impact analysis by its title
(records.py); the analysis page's stored figures are worked out at the end if not yet stored.
Everyone in it is fictional (data.py).
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from partnership.models import Agency, Finding, Priority, Subgroup, Theme, User

from ..models import AnalysisSnapshot, Course, FollowUp, Programme, programme_year_of, year_label
from ..services.analysis import refresh_analysis_summary
from . import data
from .courses import LAST_YEAR_DAYS, THIS_YEAR_DAYS, course_make
from .records import seed_coverage, seed_impact_analysis, seed_needs

BUSINESS_UNIT = "business.unit@northbrook-scp.example"


class Demo:
    """What the demo refers to by name: today, the people, agencies, subgroups and themes."""

    def __init__(self):
        self.today = timezone.localdate()
        self.users = {u.email: u for u in User.objects.all()}
        self.bu = self.users[BUSINESS_UNIT]
        self.agencies = {a.short_name: a for a in Agency.objects.order_by("name")}
        self.subgroups = {s.name: s for s in Subgroup.objects.all()}
        self.themes = {t.name: t for t in Theme.objects.all()}

    def days(self, n: int) -> date:
        """`n` days from today (negative: ago)."""
        return self.today + timedelta(days=n)

    def at(self, n: int, hour: int, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(self.days(n), time(hour, minute)))

    def theme_list(self, names) -> list:
        return [self.themes[n] for n in names if n in self.themes]


@transaction.atomic
def seed(stdout=None) -> None:
    if not User.objects.filter(email=BUSINESS_UNIT).exists():
        return  # the core demo makes the people and agencies; without them there is nobody to train
    d = Demo()
    this_year = programme_year_of(d.today)
    courses = places = 0
    for year, which, days in ((this_year - 1, "last", LAST_YEAR_DAYS), (this_year, "this", THIS_YEAR_DAYS)):
        programme = _programme(d, year)
        specs = [c for c in data.COURSES if c["years"] in (which, "both")]
        for index, spec in enumerate(specs):
            if Course.objects.filter(programme=programme, title=spec["title"]).exists():
                continue
            places += course_make(d, programme, spec, days[index :: len(specs)])
            courses += 1
    made = [f"{courses} courses with {places} places"] if courses else []
    made += seed_coverage(d, [this_year - 1, this_year])
    made += seed_needs(d, this_year)
    made += seed_impact_analysis(d, this_year - 1)
    # So the analysis page reads stored figures, as in use; once, as running the demo again
    # changes nothing (the summary job keeps them up to date).
    for year in (this_year - 1, this_year):
        if not AnalysisSnapshot.objects.filter(programme__year=year).exists():
            refresh_analysis_summary(year)
    if stdout:
        stdout.write(f"Demo training: added {', '.join(made)}." if made else "Demo training: already there.")


def _programme(d: Demo, year: int) -> Programme:
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        programme = Programme(
            year=year,
            title=f"Multi-agency safeguarding training {year_label(year)}",
            summary="Courses at levels 1 to 3 chosen from the training needs assessment and the partnership's "
            "priorities, evaluated on the day and three months later with participants and their managers.",
            subgroup=d.subgroups.get("Training"),
        )
        programme._history_user = d.bu
        programme.save()
        programme.priorities.set(Priority.objects.filter(year=year))
    return programme


def link_priorities(stdout=None) -> None:
    """Link this year's courses to the year's priorities they are about (once: a course that
    already serves a priority is left as it is). A step of its own, after every demo."""
    from partnership.demo_priorities import link_once

    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    if bu is None:
        return
    year = programme_year_of(Demo().today)
    linked = sum(
        link_once(course, " ".join([course.title, *(t.name for t in course.themes.all())]), year, bu)
        for course in Course.objects.filter(programme__year=year).prefetch_related("themes")
    )
    if stdout and linked:
        stdout.write(f"Demo training: linked {linked} courses to the year's priorities.")


# The demo's case review finding on neglect (the Child P LCSPR, made by the reviews' demo), and
# the courses that answer it: so the analysis "by finding" and the review's learning panel show
# who attended from the agencies its recommendation names.
NEGLECT_FINDING = "Cumulative neglect was not recognised across agencies"
NEGLECT_COURSES = ("Recognising and responding to neglect", "Graded care profile 2 for practitioners")


def link_findings(stdout=None) -> None:
    """Link the demo's neglect courses (both years) to the Child P LCSPR's neglect finding, and
    two of this year's impact examples from them to it. Once: a course that already answers a
    finding, and a finding that already has impact examples, are left as they are."""
    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    finding = Finding.objects.filter(title=NEGLECT_FINDING).order_by("pk").first()
    if bu is None or finding is None:
        return  # the reviews' demo is not there
    linked = 0
    for course in Course.objects.filter(title__in=NEGLECT_COURSES, findings__isnull=True).order_by("pk"):
        course.findings.add(finding)
        linked += 1
    examples = 0
    if not finding.training_impact_examples.exists():
        follow_ups = (
            FollowUp.objects.filter(
                attendee__session__course__title__in=NEGLECT_COURSES,
                attendee__session__course__programme__year=programme_year_of(Demo().today),
                finding__isnull=True,
                action__isnull=True,
            )
            .exclude(example="")
            .order_by("pk")[:2]
        )
        for follow_up in follow_ups:
            follow_up.finding = finding
            follow_up._history_user = bu
            follow_up.save(update_fields=["finding"])
            examples += 1
    if stdout and (linked or examples):
        stdout.write(
            f"Demo training: linked {linked} courses and {examples} impact examples to the neglect finding."
        )
