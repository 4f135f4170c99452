"""The seeds' indicators: each a stable key, how it is measured, and where its rows
come from (decision 0011).

A source gives, for a quarter, one row per thing counted: ``(municipality code, region
code, who, value)``. ``who`` is the person or organisation the row is about: a count is
of distinct ``who``, and a share or median is suppressed when it rests on fewer than
five of them (``insights.privacy``). ``value`` is what a share (true or false) or a
median (a number) is taken of. The indicators the follow-up surveys will measure have
no source yet and answer no value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import InstanceItem
from employers.choices import SizeClass
from employers.models import Assessment, Hire, Job, Organization
from events.models import Registration
from newcomers.journey import JOURNEY
from newcomers.models import NewcomerProfile
from welcome.models import WelcomeLetter

from .periods import Quarter

COUNT, SHARE, MEDIAN = "count", "share", "median"
Row = tuple[str, str, object, object]


@dataclass(frozen=True)
class Indicator:
    key: str
    measure: str
    name: str
    definition: str
    source: Callable[[Quarter], Iterable[Row]] | None = None  # None: from surveys


def _between(field: str, quarter: Quarter) -> Q:
    start, end = quarter.moments()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _days_between(field: str, quarter: Quarter) -> Q:
    return Q(**{f"{field}__gte": quarter.first_day, f"{field}__lt": quarter.next.first_day})


PLACE = ("municipality__code", "municipality__region__code")


def registered(quarter: Quarter) -> Iterable[Row]:
    profiles = NewcomerProfile.objects.filter(_between("created_at", quarter))
    return profiles.values_list(*PLACE, "pk", "pk")


def arrived(quarter: Quarter) -> Iterable[Row]:
    profiles = NewcomerProfile.objects.filter(
        _days_between("arrival_date", quarter), arrival_date__lte=timezone.localdate()
    )
    return profiles.values_list(*PLACE, "pk", "pk")


def _journey_rows(**where) -> object:
    return InstanceItem.objects.filter(
        instance__kind=JOURNEY.key, state=InstanceItem.State.ACTIVE, **where
    )


def steps_done(quarter: Quarter) -> Iterable[Row]:
    """Every step of the journeys of those who arrived in the quarter: done or not."""
    person = "instance__newcomer__"
    rows = _journey_rows(
        **{f"{person}arrival_date__gte": quarter.first_day},
        **{f"{person}arrival_date__lt": quarter.next.first_day},
    ).annotate(done=ExpressionWrapper(Q(done_at__isnull=False), output_field=BooleanField()))
    return rows.values_list(f"{person}{PLACE[0]}", f"{person}{PLACE[1]}", f"{person}pk", "done")


POPULATION_REGISTRATION = "population-registration"


def days_to_population_registration(quarter: Quarter) -> Iterable[Row]:
    """Days from arrival to the registration step marked done, for those done in the
    quarter (a step marked done before arrival counts as day 0)."""
    person = "instance__newcomer__"
    rows = _journey_rows(key=POPULATION_REGISTRATION).filter(_between("done_at", quarter))
    fields = (f"{person}{PLACE[0]}", f"{person}{PLACE[1]}", f"{person}pk")
    for municipality, region, who, done_at, arrival in rows.values_list(
        *fields, "done_at", f"{person}arrival_date"
    ):
        yield municipality, region, who, max(0, (timezone.localdate(done_at) - arrival).days)


ORGANIZATION_PLACE = (
    "organization__municipality__code",
    "organization__municipality__region__code",
)
SME = ~Q(size_class=SizeClass.LARGE)


def smes_taking_part(quarter: Quarter) -> Iterable[Row]:
    """Small and medium employers that finished a readiness check, published a job or
    registered a hire in the quarter."""
    own = OuterRef("pk")
    active = (
        Exists(Assessment.objects.filter(_between("completed_at", quarter), organization=own))
        | Exists(Job.objects.filter(_between("created_at", quarter), organization=own))
        | Exists(Hire.objects.filter(_between("created_at", quarter), organization=own))
    )
    organizations = Organization.objects.filter(SME).filter(active)
    return organizations.values_list(*PLACE, "pk", "pk")


def readiness_scores(quarter: Quarter) -> Iterable[Row]:
    checks = Assessment.objects.filter(_between("completed_at", quarter))
    for municipality, region, who, scores in checks.values_list(
        *ORGANIZATION_PLACE, "organization_id", "scores"
    ):
        if isinstance(scores, dict) and isinstance(scores.get("overall"), int | float):
            yield municipality, region, who, scores["overall"]


def english_enough(quarter: Quarter) -> Iterable[Row]:
    """Jobs published in the quarter, by where the job is: English enough or not. A
    share rests on the employers that published them."""
    jobs = Job.objects.filter(_between("created_at", quarter))
    return jobs.values_list(*PLACE, "organization_id", "english_is_enough")


def hires(quarter: Quarter) -> Iterable[Row]:
    registered_hires = Hire.objects.filter(_between("created_at", quarter))
    return registered_hires.values_list(*ORGANIZATION_PLACE, "pk", "pk")


def event_participants(quarter: Quarter) -> Iterable[Row]:
    """People with a place at an event that began in the quarter, where it was."""
    places = Registration.objects.filter(
        _between("event__starts_at", quarter), status=Registration.Status.CONFIRMED
    )
    return places.values_list(
        "event__municipality__code", "event__municipality__region__code", "user_id", "user_id"
    )


def letters(quarter: Quarter) -> Iterable[Row]:
    """Welcome letters written in the quarter, counted by the person they went to."""
    written = WelcomeLetter.objects.filter(_between("created_at", quarter))
    return written.values_list(*PLACE, "profile_id", "profile_id")


INDICATORS = (
    Indicator(
        "newcomers_registered",
        COUNT,
        _("Newcomers registered"),
        _("People who made a Landa profile in the quarter, by the municipality they move to."),
        registered,
    ),
    Indicator(
        "newcomers_arrived",
        COUNT,
        _("Newcomers arrived"),
        _("People whose arrival date fell in the quarter, by the municipality they moved to."),
        arrived,
    ),
    Indicator(
        "journey_completion_rate",
        SHARE,
        _("Steps done"),
        _("Of the steps that apply to those who arrived in the quarter, the share done so far."),
        steps_done,
    ),
    Indicator(
        "median_days_to_population_registration",
        MEDIAN,
        _("Days to population registration"),
        _(
            "The median number of days from arrival to the population registration step "
            "marked done, for those who marked it in the quarter."
        ),
        days_to_population_registration,
    ),
    Indicator(
        "partner_in_work_or_study_12m",
        SHARE,
        _("Partners in work or study after a year"),
        _("From the 12-month survey: the share of partners who work or study."),
    ),
    Indicator(
        "still_in_sweden_12m",
        SHARE,
        _("Still in Sweden after a year"),
        _("From the 12-month survey: the share who still live in Sweden."),
    ),
    Indicator(
        "still_in_municipality_12m",
        SHARE,
        _("Still in the municipality after a year"),
        _("From the 12-month survey: the share who still live in the municipality."),
    ),
    Indicator(
        "still_in_sweden_36m",
        SHARE,
        _("Still in Sweden after three years"),
        _("From the 36-month survey: the share who still live in Sweden."),
    ),
    Indicator(
        "smes_participating",
        COUNT,
        _("Small employers taking part"),
        _(
            "Employers with fewer than 250 people that finished a readiness check, "
            "published a job or registered a hire in the quarter."
        ),
        smes_taking_part,
    ),
    Indicator(
        "readiness_score_median",
        MEDIAN,
        _("Readiness score"),
        _("The median overall score of the readiness checks finished in the quarter."),
        readiness_scores,
    ),
    Indicator(
        "job_postings_english_ok_share",
        SHARE,
        _("Jobs open in English"),
        _("Of the jobs published in the quarter, the share that can be done in English."),
        english_enough,
    ),
    Indicator(
        "international_hires",
        COUNT,
        _("International hires"),
        _("Hires from abroad that employers registered in the quarter."),
        hires,
    ),
    Indicator(
        "soft_landing_participants",
        COUNT,
        _("People at welcome events"),
        _("People with a place at an event that took place in the quarter."),
        event_participants,
    ),
    Indicator(
        "welcome_letters_sent",
        COUNT,
        _("Welcome letters sent"),
        _("People sent a welcome letter in the quarter."),
        letters,
    ),
    Indicator(
        "newcomer_satisfaction",
        MEDIAN,
        _("Newcomers' satisfaction"),
        _("From the surveys: the median answer of newcomers, from 1 to 5."),
    ),
    Indicator(
        "employer_satisfaction",
        MEDIAN,
        _("Employers' satisfaction"),
        _("From the six-month employer survey: the median answer, from 1 to 5."),
    ),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
