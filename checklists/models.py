from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .conditions import condition_validate
from .due import is_due_soon, is_overdue
from .kinds import ChecklistKind, kind_get


def always() -> dict:
    return {"all": []}


def never() -> dict:
    """The condition that never holds (``any`` of nothing): a step retired, or a lower
    layer's step hidden by a higher layer's item of the same key."""
    return {"any": []}


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
    """One layer of a kind's steps: the base layer's (no owner), or an owner's, such as
    a municipality's. The owner is a real row; the engine does not know what it is."""

    kind = models.CharField(_("kind of checklist"), max_length=40, db_index=True)
    layer = models.CharField(_("layer"), max_length=20)
    owner_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    owner_id = models.PositiveBigIntegerField(_("owner"), null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    # When the template or one of its steps last changed: a checklist assembled before
    # is stale (re-assembled in the background, and by the nightly job).
    changed_at = models.DateTimeField(_("content changed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "layer"],
                condition=models.Q(owner_id__isnull=True),
                name="one_base_template_per_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "layer", "owner_type", "owner_id"],
                condition=models.Q(owner_id__isnull=False),
                name="one_template_per_owner",
            ),
        ]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="template_owner")]

    def __str__(self) -> str:
        return self.name

    @property
    def checklist_kind(self) -> ChecklistKind:
        return kind_get(self.kind)

    @property
    def rank(self) -> int:
        return self.checklist_kind.rank(self.layer)

    def clean(self) -> None:
        try:
            kind = kind_get(self.kind)
        except KeyError as error:
            raise ValidationError({"kind": _("Unknown kind of checklist.")}) from error
        names = [layer.name for layer in kind.layers]
        if self.layer not in names:
            raise ValidationError(
                {"layer": _("Choose one of: %(layers)s.") % {"layers": ", ".join(names)}}
            )
        owner = kind.layer(self.layer).owner
        if owner is None and (self.owner_type_id or self.owner_id):
            raise ValidationError({"owner_id": _("The base layer has no owner.")})
        if owner is not None:
            expected = ContentType.objects.get_for_model(owner)
            if self.owner_type_id != expected.pk or not self.owner_id:
                raise ValidationError(
                    {
                        "owner_id": _("This layer belongs to a %(owner)s.")
                        % {"owner": owner._meta.verbose_name}
                    }
                )
            if not owner.objects.filter(pk=self.owner_id).exists():
                raise ValidationError({"owner_id": _("No such owner.")})


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
    phase = models.CharField(_("phase"), max_length=20, help_text=_("One of the kind's phases."))
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.SET_NULL, null=True, blank=True
    )
    due_offset_days = models.IntegerField(
        _("due, days from the start date"),
        null=True,
        blank=True,
        default=0,
        help_text=_(
            "Days from the checklist's start date; negative numbers are before it. With "
            "“after dependencies”, days after the last dependency is done. Empty: no "
            "fixed date (a step to keep in mind)."
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
        if not self.template_id:
            return
        kind = self.template.checklist_kind
        try:
            condition_validate(self.condition, facts=kind.facts.condition_facts())
        except ValidationError as error:
            raise ValidationError({"condition": error.messages}) from error
        if self.phase not in kind.phase_order:
            raise ValidationError(
                {"phase": _("Choose one of: %(phases)s.") % {"phases": ", ".join(kind.phase_order)}}
            )


class ChecklistInstance(models.Model):
    """One subject's assembled checklist, with the facts and templates it came from."""

    kind = models.CharField(_("kind of checklist"), max_length=40)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of subject"), on_delete=models.PROTECT
    )
    subject_id = models.PositiveBigIntegerField(pgettext_lazy("whose checklist", "subject"))
    subject = GenericForeignKey("subject_type", "subject_id")
    facts = models.JSONField(_("facts"), default=dict)
    templates = models.ManyToManyField(
        ChecklistTemplate, verbose_name=_("assembled from"), blank=True, related_name="instances"
    )
    assembled_at = models.DateTimeField(_("assembled"), default=timezone.now)

    class Meta:
        verbose_name = _("personal checklist")
        verbose_name_plural = _("personal checklists")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id"], name="one_checklist_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id}"

    @property
    def checklist_kind(self) -> ChecklistKind:
        return kind_get(self.kind)

    @property
    def start_date(self) -> date | None:
        """Read from the facts it was assembled from: one source of truth."""
        kind = self.checklist_kind
        return kind.facts.from_json(self.facts)[kind.start_fact]


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
    # Progress is never lost: a step that is in someone's checklist cannot be deleted.
    # To retire it, give it a condition that never holds; it moves to their history.
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        on_delete=models.PROTECT,
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

    def is_overdue(self, today: date) -> bool:
        return not self.is_done and is_overdue(self.due_date, today)

    def is_due_soon(self, today: date) -> bool:
        return not self.is_done and is_due_soon(self.due_date, today)


def subject_checklists(related_query_name: str) -> GenericRelation:
    """A subject model's checklists (as its field ``checklists``): they are deleted with
    the subject, and queries can reach the subject from a checklist by this name."""
    return GenericRelation(
        ChecklistInstance,
        content_type_field="subject_type",
        object_id_field="subject_id",
        related_query_name=related_query_name,
    )
