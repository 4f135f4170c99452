from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order

from checklists.models import Reviewed

region_code_validator = RegexValidator(r"^\d{2}$", _("A county code has two digits."))
municipality_code_validator = RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))


class Region(models.Model):
    """One of Sweden's 21 counties (län), by its official two-digit code.

    A county (län) is a territory; the region (``regional_body``, such as Region
    Jämtland Härjedalen) is the elected regional authority for the same territory, and
    the employer of regional officers. In Gotland a municipality has that role.
    """

    code = models.CharField(
        _("county code"), max_length=2, unique=True, validators=[region_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    regional_body = models.CharField(
        _("region (regional authority)"),
        max_length=100,
        blank=True,
        help_text=_("The elected regional authority for this county, such as Region Skåne."),
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:region", kwargs={"slug": self.slug})


class Municipality(models.Model):
    """One of Sweden's 290 municipalities (kommun), by its official four-digit code."""

    code = models.CharField(
        _("municipality code"), max_length=4, unique=True, validators=[municipality_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.PROTECT, related_name="municipalities"
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The municipality's place page."""
        return reverse(
            "places:municipality",
            kwargs={"region_slug": self.region.slug, "municipality_slug": self.slug},
        )


class Officer(models.Model):
    """A user who works for a municipality or, with no municipality, for the region (the
    regional authority) of a county and so for all its municipalities.

    Every officer works on the desk (newcomers who agreed to be contacted, their cases
    and letters); an editor also writes what the municipality publishes: its welcome
    letters, its own steps and its place page. Staff appoint both in the admin.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("officer")
        EDITOR = "editor", _("editor")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="officer",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="officers",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("county"), on_delete=models.CASCADE, related_name="officers"
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=Role.choices,
        default=Role.OFFICER,
        help_text=_("An editor also writes the welcome letters, own steps and place pages."),
    )

    class Meta:
        verbose_name = _("municipal officer")
        verbose_name_plural = _("municipal officers")

    def __str__(self) -> str:
        return f"{self.user} ({self.workplace})"

    @property
    def workplace(self) -> str:
        """Where the officer works: their municipality, or their county's region."""
        if self.municipality_id:
            return self.municipality.name
        return self.region.regional_body or self.region.name

    @property
    def is_editor(self) -> bool:
        return self.role == self.Role.EDITOR

    def covers(self, municipality: Municipality | None) -> bool:
        """Whether a municipality lies in the officer's area (theirs, or their region's)."""
        if municipality is None:
            return False
        if self.municipality_id:
            return municipality.pk == self.municipality_id
        return municipality.region_id == self.region_id

    def edits_place_of(
        self, *, municipality: Municipality | None = None, region: Region | None = None
    ) -> bool:
        """Whether the officer, an editor, keeps the place page of a municipality in their
        area, or of their region (a region's editor only)."""
        if not self.is_editor:
            return False
        if municipality is not None:
            return self.covers(municipality)
        return region is not None and not self.municipality_id and region.pk == self.region_id

    def municipalities(self) -> models.QuerySet[Municipality]:
        """The municipalities in the officer's area."""
        if self.municipality_id:
            return Municipality.objects.filter(pk=self.municipality_id)
        return Municipality.objects.filter(region_id=self.region_id)

    def places(self) -> models.Q:
        """A filter on rows that belong to a municipality or a county (place pages,
        feedback on them): the municipalities of the officer's area, and the county's
        own when the officer works for the region."""
        if self.municipality_id:
            return models.Q(municipality_id=self.municipality_id)
        return models.Q(municipality__region_id=self.region_id) | models.Q(region_id=self.region_id)

    def clean(self) -> None:
        if self.municipality_id and self.municipality.region_id != self.region_id:
            raise ValidationError(
                {"municipality": _("The municipality must lie in the officer's county.")}
            )


class OfficerAccess(models.Model):
    """One officer action on a person's data, as the person sees it under "My data".

    Who did it is kept as written at the time (name and workplace), so that the line
    stays readable after the officer leaves; the row goes with the person's account.
    """

    class Action(models.TextChoices):
        LISTED = "listed", _("saw your name, language and arrival on the officers' desk")
        VIEWED = "viewed", _("opened your case")
        CASE_UPDATED = "case_updated", _("updated your case")
        ASSIGNED = "assigned", _("assigned a contact person to you")
        LETTER_SENT = "letter_sent", _("sent you a welcome letter")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="officer_accesses",
    )
    officer = models.ForeignKey(
        Officer,
        verbose_name=_("officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses",
    )
    officer_name = models.CharField(_("officer's name"), max_length=150)
    workplace = models.CharField(_("workplace"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("officer access")
        verbose_name_plural = _("officer accesses")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="officer_access_person")]

    def __str__(self) -> str:
        return f"{self.officer_name}: {self.get_action_display()}"


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{3,30}$",
    _("Write the phone number with digits, spaces and hyphens, and a + before a country code."),
)


class PlacePage(Reviewed):
    """What a municipality, or the region of a county, tells the people who move there:
    a text per section, the office to contact, and where the text comes from.

    A page belongs to exactly one place (a municipality or a region; a check constraint
    holds to it). Section texts are plain paragraphs, never HTML. A municipality's
    section left empty is taken from its region's page, then from Landa's national guide
    of the topic (``municipalities.places.selectors``). ``checked_on`` is set by the
    editor who keeps the page; ``review_due_on`` follows from it.
    """

    SECTIONS = ("welcome", "housing", "school", "health", "transport", "language_courses", "work")
    SECTION_MAX_LENGTH = 4000

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="place_page",
    )
    region = models.OneToOneField(
        Region,
        verbose_name=_("county"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="place_page",
    )
    welcome = models.TextField(_("welcome"), max_length=SECTION_MAX_LENGTH, blank=True)
    housing = models.TextField(_("housing"), max_length=SECTION_MAX_LENGTH, blank=True)
    school = models.TextField(_("school and childcare"), max_length=SECTION_MAX_LENGTH, blank=True)
    health = models.TextField(_("health"), max_length=SECTION_MAX_LENGTH, blank=True)
    transport = models.TextField(_("transport"), max_length=SECTION_MAX_LENGTH, blank=True)
    language_courses = models.TextField(
        _("language courses"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    work = models.TextField(_("work"), max_length=SECTION_MAX_LENGTH, blank=True)
    website = models.URLField(_("official website"), max_length=300, blank=True)
    contact_name = models.CharField(
        _("office to contact"),
        max_length=150,
        blank=True,
        help_text=_("The name of the office or service, such as the contact centre."),
    )
    contact_address = models.CharField(_("visiting address"), max_length=300, blank=True)
    contact_phone = models.CharField(
        _("phone number"), max_length=40, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("email address"), blank=True)
    contact_url = models.URLField(_("web page of the office"), max_length=300, blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        max_length=1000,
        blank=True,
        help_text=_("One line per day or group of days, with the hours."),
    )
    source_title = models.CharField(_("title of the source"), max_length=200, blank=True)
    source_url = models.URLField(
        _("address of the source"),
        max_length=400,
        blank=True,
        help_text=_("The page the text was checked against, such as the municipality's own."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("place page")
        verbose_name_plural = _("place pages")
        ordering = ["region__code", "municipality__code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(municipality__isnull=False, region__isnull=True)
                    | models.Q(municipality__isnull=True, region__isnull=False)
                ),
                name="place_page_of_one_place",
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.region)

    def text_of(self, field: str, language: str) -> tuple[str, str] | None:
        """``(text, language it is written in)`` of a translated field, in ``language``
        or else its fallback languages; None when it is empty in all of them."""
        for code in resolution_order(language):
            text = (getattr(self, f"{field}_{code}", "") or "").strip()
            if text:
                return text, code
        return None

    def clean(self) -> None:
        if bool(self.municipality_id) == bool(self.region_id):
            raise ValidationError(_("A place page belongs to a municipality or to a county."))


class PlaceFeedback(models.Model):
    """A reader's answer ("Was this helpful?", "I could not find what I needed", and
    what they were looking for) on a page the editors of a place own: its place page,
    or one of its directory entries or events (``about_*``). Anonymous, kept on the
    place itself so that a place with no page of its own yet hears it too. ``read_at``
    is set by an editor. An answer about any other page (no place) goes to Landa's
    staff, who read it in the admin."""

    COMMENT_MAX_LENGTH = 1000

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("county"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
    )
    # About a directory entry or an event of the place (its title and address as they
    # were); empty for the place page itself.
    about_title = models.CharField(_("about"), max_length=200, blank=True)
    about_url = models.CharField(_("address of the page"), max_length=300, blank=True)
    helpful = models.BooleanField(_("helpful"))
    could_not_find = models.BooleanField(_("could not find what they needed"), default=False)
    comment = models.TextField(_("what the reader was looking for"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("place page feedback")
        verbose_name_plural = _("place page feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one place; neither: a page of Landa's own (read by its staff).
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True) | models.Q(region__isnull=True),
                name="feedback_on_one_place",
            )
        ]
        indexes = [models.Index(fields=["read_at", "-created_at"], name="feedback_unread")]

    def __str__(self) -> str:
        answer = "+" if self.helpful else "?" if self.could_not_find else "-"
        return f"{self.municipality or self.region or 'Landa'}: {answer}"
