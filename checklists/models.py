from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conditions import condition_validate


def always() -> dict:
    return {"all": []}


class Phase(models.TextChoices):
    BEFORE_ARRIVAL = "before_arrival", _("Before you arrive")
    FIRST_WEEKS = "first_weeks", _("First weeks")
    FIRST_MONTHS = "first_months", _("First months")
    SETTLING_IN = "settling_in", _("Settling in")
    STAYING = "staying", _("Staying")


class Layer(models.TextChoices):
    NATIONAL = "national", _("national")
    MUNICIPAL = "municipal", _("municipal")
    EMPLOYER = "employer", _("employer")


LAYER_RANK = {Layer.NATIONAL: 0, Layer.MUNICIPAL: 1, Layer.EMPLOYER: 2}


class Authority(models.Model):
    """Who handles a step: an agency, the municipality, the employer, a bank."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    handles = models.TextField(_("what it handles"), blank=True)
    url = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """A page that backs what a step or guide says: the authority's own page, or the law.

    ``language`` is the language the page is written in, so a link can say so to a
    reader of another language (and carry ``hreflang``).
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=400)
    language = models.CharField(
        _("language of the page"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    publisher = models.ForeignKey(
        Authority,
        verbose_name=_("publisher"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title


class Reviewed(models.Model):
    """Content that states facts: when it was last checked against its sources, and
    how often it must be checked again. ``review_due_on`` is kept on the row so that
    staff can filter and sort by it."""

    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_("The day the text was last checked against its sources."),
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("check again after (days)"), default=365
    )
    review_due_on = models.DateField(
        _("check again by"), null=True, blank=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.review_due_on = (
            self.checked_on + timedelta(days=self.review_interval_days) if self.checked_on else None
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "review_due_on"}
        super().save(*args, **kwargs)

    def is_due_for_review(self, today: date) -> bool:
        """Never checked, or checked longer ago than its interval."""
        return self.review_due_on is None or self.review_due_on <= today


class ChecklistTemplate(models.Model):
    """A layer of steps: the national one, a municipality's, or an employer's.

    ``owner_key`` names the owner without the engine knowing what it is: a
    municipality code for the municipal layer, an employer key for the employer layer,
    empty for the national layer.
    """

    layer = models.CharField(_("layer"), max_length=10, choices=Layer.choices)
    owner_key = models.CharField(_("owner"), max_length=50, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(fields=["layer", "owner_key"], name="one_template_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(Reviewed):
    template = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable identifier; progress is kept by key.")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link_url = models.URLField(_("link"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.SET_NULL, null=True, blank=True
    )
    due_offset_days = models.IntegerField(
        _("due, days from arrival"),
        null=True,
        blank=True,
        default=0,
        help_text=_(
            "Negative numbers are before arrival. With “after dependencies”, days "
            "after the last dependency is done. Empty: no fixed date (a step to keep "
            "in mind, such as what to do if a job ends)."
        ),
    )
    due_after_dependencies = models.BooleanField(_("due after dependencies"), default=False)
    dependencies = models.ManyToManyField(
        "self",
        verbose_name=_("depends on"),
        symmetrical=False,
        blank=True,
        related_name="dependents",
    )
    condition = models.JSONField(
        _("condition"),
        default=always,
        blank=True,
        help_text=_('For example {"eq": ["citizenship", "eu_eea"]}.'),
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="items"
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template", "due_offset_days", "key"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="unique_item_key")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            condition_validate(self.condition)
        except ValidationError as error:
            raise ValidationError({"condition": error.messages}) from error


class ChecklistInstance(models.Model):
    """One person's assembled checklist, with the facts it was assembled from."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    facts = models.JSONField(_("facts"), default=dict)
    assembled_at = models.DateTimeField(_("assembled"), default=timezone.now)

    class Meta:
        verbose_name = _("personal checklist")
        verbose_name_plural = _("personal checklists")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def arrival_date(self) -> date:
        """Read from the facts the checklist was assembled from: one source of truth."""
        return date.fromisoformat(self.facts["arrival_date"])


class InstanceItem(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("applies")
        REMOVED = "removed", _("no longer applies")

    instance = models.ForeignKey(
        ChecklistInstance,
        verbose_name=_("personal checklist"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        on_delete=models.CASCADE,
        related_name="instances",
    )
    key = models.SlugField(_("key"), max_length=60)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    position = models.PositiveIntegerField(_("position"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    depends_on = models.JSONField(_("depends on"), default=list, blank=True)
    reasons = models.JSONField(_("why this step"), default=list, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    note = models.TextField(_("private note"), blank=True, max_length=4000)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal checklist item")
        verbose_name_plural = _("personal checklist items")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["instance", "key"], name="unique_instance_key")
        ]
        indexes = [
            models.Index(fields=["state", "done_at", "due_date"], name="instanceitem_due"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today) -> bool:
        return not self.is_done and self.due_date is not None and self.due_date < today

    def is_due_soon(self, today, days: int = 7) -> bool:
        return (
            not self.is_done
            and self.due_date is not None
            and today <= self.due_date <= today + timedelta(days=days)
        )
