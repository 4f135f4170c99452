"""The seeds' indicators: each a stable key, how it is measured, and where its rows
come from (decision 0011).

A source gives, for a quarter, a queryset with one row per thing counted, annotated
with ``m_code`` and ``r_code`` (the municipality and region it counts for), ``who``
(the person or organisation it is about), ``value`` and ``of``. A count is of distinct
``who``, and a share or median is suppressed when it rests on fewer than five of them
(``insights.privacy``). A share is the sum of ``value`` (how many are yes) over the
sum of ``of`` (of how many); a median is of ``value``. ``insights.figures`` aggregates them in the
database. Six come from the follow-up surveys' answers (``surveys``), counted in the
quarter they were given, in the municipality the person had moved to (the employer's,
for employers), each answer one person (an employer's, its organisation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
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
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checklists.models import InstanceItem
from employers.choices import SizeClass
from employers.models import Assessment, Hire, Job, Occupation, Organization
from events.models import Registration
from newcomers.choices import PHASE_CHOICES
from newcomers.journey import JOURNEY
from newcomers.models import NewcomerProfile
from surveys.models import IN_WORK_OR_STUDY, Lives, SurveyInvitation
from surveys.waves import WaveKey
from welcome.models import WelcomeLetter

from .periods import Quarter

COUNT, SHARE, MEDIAN = "count", "share", "median"


@dataclass(frozen=True)
class Indicator:
    key: str
    measure: str
    name: str
    definition: str
    source: Callable[[Quarter], QuerySet]
    # The parts, (key, name) each, when the source annotates its rows' ``part``.
    parts: Callable[[], list[tuple[str, str]]] | None = None


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
    """Every step that applies on the journeys of those who arrived in the quarter, done
    or not (a row a step), by its phase."""
    steps = _journey_rows(_days_between(f"{PERSON}arrival_date", quarter))
    rows = _rows(steps, f"{PERSON}municipality__", f"{PERSON}pk", _yes(Q(done_at__isnull=False)))
    return rows.annotate(part=F("item__phase"))


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


NOT_GIVEN = "none"


def hires(quarter: Quarter) -> QuerySet:
    """Hires registered in the quarter, by the employer's municipality and by occupation
    (SSYK 2012 unit group, ``none`` when the employer gave none)."""
    registered_hires = Hire.objects.filter(_between("created_at", quarter))
    rows = _rows(registered_hires, "organization__municipality__", "pk")
    return rows.annotate(part=Coalesce("occupation__code", Value(NOT_GIVEN)))


def occupations() -> list[tuple[str, str]]:
    named = [(o.code, f"{o.code} {o.name}") for o in Occupation.objects.order_by("code")]
    return [*named, (NOT_GIVEN, _("Occupation not given"))]


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


def _answers(quarter: Quarter, *waves: str) -> QuerySet:
    return SurveyInvitation.objects.filter(_between("answered_at", quarter), wave__in=waves)


def _answered_yes(wave: str, condition: Q) -> Callable[[Quarter], QuerySet]:
    def source(quarter: Quarter) -> QuerySet:
        return _rows(_answers(quarter, wave), "municipality__", "pk", _yes(condition))

    return source


NEWCOMER_WAVES = (WaveKey.NEWCOMER_3M, WaveKey.NEWCOMER_12M, WaveKey.NEWCOMER_36M)


def newcomer_satisfaction(quarter: Quarter) -> QuerySet:
    answers = _answers(quarter, *NEWCOMER_WAVES, WaveKey.PARTNER_12M)
    return _rows(answers, "municipality__", "pk", F("satisfaction"))


def employer_satisfaction(quarter: Quarter) -> QuerySet:
    answers = _answers(quarter, WaveKey.EMPLOYER_6M)
    return _rows(answers, "municipality__", "organization_id", F("satisfaction"))


IN_SWEDEN = ~Q(lives=Lives.ABROAD)

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
        parts=lambda: list(PHASE_CHOICES),
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
        _(
            "Of the partners answering the 12-month survey in the quarter, the share who "
            "work or study."
        ),
        _answered_yes(WaveKey.PARTNER_12M, Q(occupation__in=IN_WORK_OR_STUDY)),
    ),
    Indicator(
        "still_in_sweden_12m",
        SHARE,
        _("Still in Sweden after a year"),
        _(
            "Of the newcomers answering the 12-month survey in the quarter, the share still "
            "in Sweden."
        ),
        _answered_yes(WaveKey.NEWCOMER_12M, IN_SWEDEN),
    ),
    Indicator(
        "still_in_municipality_12m",
        SHARE,
        _("Still in the municipality after a year"),
        _(
            "Of the newcomers answering the 12-month survey in the quarter, the share still "
            "in the municipality they moved to."
        ),
        _answered_yes(WaveKey.NEWCOMER_12M, Q(lives=Lives.MUNICIPALITY)),
    ),
    Indicator(
        "still_in_sweden_36m",
        SHARE,
        _("Still in Sweden after three years"),
        _(
            "Of the newcomers answering the 36-month survey in the quarter, the share still "
            "in Sweden."
        ),
        _answered_yes(WaveKey.NEWCOMER_36M, IN_SWEDEN),
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
        parts=occupations,
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
        _(
            "Of the surveys newcomers and partners answered in the quarter, the median "
            "answer to how well life in Sweden has come together, from 1 to 5."
        ),
        newcomer_satisfaction,
    ),
    Indicator(
        "employer_satisfaction",
        MEDIAN,
        _("Employers' satisfaction"),
        _(
            "Of the six-month surveys employers answered in the quarter, the median answer "
            "to how well a hire's move and start went, from 1 to 5."
        ),
        employer_satisfaction,
    ),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
