"""The seeds' indicators: each a stable key, how it is measured, and where its rows
come from (decision 0011).

A source gives, for a quarter, a queryset with one row per thing counted, annotated
with ``m_code`` and ``r_code`` (the municipality and region it counts for), ``who``
(the person or organisation it is about), ``value`` and ``of``. A count is of distinct
``who``, and a share or median is suppressed when it rests on fewer than five of them
(``insights.privacy``). A share is the sum of ``value`` (how many are yes) over the
sum of ``of`` (of how many); a median is of ``value``. ``insights.figures`` aggregates them in the
database. The indicators the follow-up surveys will measure have no source yet and
answer no value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import ChecklistInstance, InstanceItem
from employers.choices import SizeClass
from employers.models import Assessment, Hire, Job, Organization
from events.models import Registration
from newcomers.journey import JOURNEY
from newcomers.models import NewcomerProfile
from welcome.models import WelcomeLetter

from .periods import Quarter

COUNT, SHARE, MEDIAN = "count", "share", "median"


@dataclass(frozen=True)
class Indicator:
    key: str
    measure: str
    name: str
    definition: str
    source: Callable[[Quarter], QuerySet] | None = None  # None: from surveys


def _between(field: str, quarter: Quarter) -> Q:
    start, end = quarter.moments()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _days_between(field: str, quarter: Quarter) -> Q:
    return Q(**{f"{field}__gte": quarter.first_day, f"{field}__lt": quarter.next.first_day})


def _rows(rows: QuerySet, place: str, who: str, value=None, *, of=None) -> QuerySet:
    """``place``: the path to the municipality (``municipality__``, …). For a share,
    ``value`` is how many of the row's ``of`` (one, unless said) are yes."""
    return rows.annotate(
        m_code=F(f"{place}code"),
        r_code=F(f"{place}region__code"),
        who=F(who),
        value=Value(1) if value is None else value,
        of=Value(1) if of is None else of,
    )


def _yes(condition: Q) -> Case:
    return Case(When(condition, then=1), default=0, output_field=IntegerField())


class DaysBetween(Func):
    """Whole days from the second date to the first, never below 0."""

    template = "GREATEST((%(expressions)s), 0)"
    arg_joiner = " - "
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="MAX(CAST(julianday(%(expressions)s) AS INTEGER), 0)",
            arg_joiner=") - julianday(",
            **extra,
        )


def registered(quarter: Quarter) -> QuerySet:
    profiles = NewcomerProfile.objects.filter(_between("created_at", quarter))
    return _rows(profiles, "municipality__", "pk")


def arrived(quarter: Quarter) -> QuerySet:
    profiles = NewcomerProfile.objects.filter(
        _days_between("arrival_date", quarter), arrival_date__lte=timezone.localdate()
    )
    return _rows(profiles, "municipality__", "pk")


PERSON = "instance__newcomer__"


def _journey_rows(*where: Q, **fields) -> QuerySet:
    return InstanceItem.objects.filter(
        *where, instance__kind=JOURNEY.key, state=InstanceItem.State.ACTIVE, **fields
    )


def steps_done(quarter: Quarter) -> QuerySet:
    """The journeys of those who arrived in the quarter: of their steps that apply, how
    many are done (a row a journey, counted in one pass over the steps)."""
    journeys = ChecklistInstance.objects.filter(
        _days_between("newcomer__arrival_date", quarter), kind=JOURNEY.key
    )
    applies = Q(items__state=InstanceItem.State.ACTIVE)
    done = Count("items", filter=applies & Q(items__done_at__isnull=False))
    steps = Count("items", filter=applies)
    return _rows(journeys, "newcomer__municipality__", "newcomer__pk", done, of=steps)


POPULATION_REGISTRATION = "population-registration"


def days_to_population_registration(quarter: Quarter) -> QuerySet:
    """Days from arrival to the registration step marked done, for those done in the
    quarter (in Swedish time; marked before arrival counts as day 0)."""
    rows = _journey_rows(_between("done_at", quarter), key=POPULATION_REGISTRATION)
    days = DaysBetween(TruncDate("done_at"), F(f"{PERSON}arrival_date"))
    return _rows(rows, f"{PERSON}municipality__", f"{PERSON}pk", days)


SME = ~Q(size_class=SizeClass.LARGE)


def smes_taking_part(quarter: Quarter) -> QuerySet:
    """Small and medium employers that finished a readiness check, published a job or
    registered a hire in the quarter."""
    own = OuterRef("pk")
    active = (
        Exists(Assessment.objects.filter(_between("completed_at", quarter), organization=own))
        | Exists(Job.objects.filter(_between("created_at", quarter), organization=own))
        | Exists(Hire.objects.filter(_between("created_at", quarter), organization=own))
    )
    return _rows(Organization.objects.filter(SME).filter(active), "municipality__", "pk")


def readiness_scores(quarter: Quarter) -> QuerySet:
    checks = Assessment.objects.filter(
        _between("completed_at", quarter), scores__overall__isnull=False
    )
    overall = Cast(KT("scores__overall"), FloatField())
    return _rows(checks, "organization__municipality__", "organization_id", overall)


def english_enough(quarter: Quarter) -> QuerySet:
    """Jobs published in the quarter, by where the job is: English enough or not. A
    share rests on the employers that published them."""
    jobs = Job.objects.filter(_between("created_at", quarter))
    return _rows(jobs, "municipality__", "organization_id", _yes(Q(english_is_enough=True)))


def hires(quarter: Quarter) -> QuerySet:
    registered_hires = Hire.objects.filter(_between("created_at", quarter))
    return _rows(registered_hires, "organization__municipality__", "pk")


def event_participants(quarter: Quarter) -> QuerySet:
    """People with a place at an event that began in the quarter, where it was."""
    places = Registration.objects.filter(
        _between("event__starts_at", quarter), status=Registration.Status.CONFIRMED
    )
    return _rows(places, "event__municipality__", "user_id")


def letters(quarter: Quarter) -> QuerySet:
    """Welcome letters written in the quarter, counted by the person they went to."""
    written = WelcomeLetter.objects.filter(_between("created_at", quarter))
    return _rows(written, "municipality__", "profile_id")


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
