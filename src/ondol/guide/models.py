"""Tables of the service guide: one topic per service, one article per topic and language."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeSituation(models.TextChoices):
    """How residents think of their need; the guide's index groups topics by these (a topic may be in several)."""

    JUST_ARRIVED = "just-arrived", _("I just arrived")
    DOCUMENTS = "documents", _("I need a paper or a certificate")
    MOVED = "moved", _("I moved")
    VISA = "visa", _("My stay and visa")
    MONEY = "money", _("I need money or welfare")
    BABY = "baby", _("I have a baby or children")
    SICK = "sick", _("I am sick")
    STUDY = "study", _("I want to learn Korean or a skill")
    HOUSING = "housing", _("Housing and bills")
    WORK_PROBLEM = "work-problem", _("I have a problem at work")
    SAFETY = "safety", _("I am in danger or in trouble")
    USING_THE_CENTRE = "using-the-centre", _("Using the community centre")


class Category(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    CERTIFICATES = "certificates", _("Certificates")
    VISA = "visa", _("Stay and visa")
    WELFARE = "welfare", _("Welfare")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Learning")
    HOUSING = "housing", _("Housing")
    RIGHTS = "rights", _("Rights and protection")
    HELP = "help", _("Help and contacts")


class ReviewStatus(models.TextChoices):
    REVIEWED = "reviewed", _("Reviewed")
    DRAFT = "draft", _("Draft")


class GuideTopic(models.Model):
    """A service with a stable key (`arc-reissue`) and its language-independent facts (from meta.yaml)."""

    key = models.SlugField(_("topic key"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    situations = models.JSONField(_("life situations"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    offices = models.JSONField(_("where the service is given"), default=list, blank=True)
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    # [{"amount": 35000, "since": "2025-01-01", "what": "card"}]: amounts are formatted per locale.
    fees_krw = models.JSONField(_("fees in won"), default=list, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("deadline in days"), null=True, blank=True)
    eligibility_program = models.CharField(_("eligibility program"), max_length=60, blank=True)
    related = models.JSONField(_("related topics"), default=list, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    source_hash = models.CharField(_("hash of the loaded metadata"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("guide topic")
        verbose_name_plural = _("guide topics")

    def __str__(self) -> str:
        return self.key

    @property
    def at_community_centre(self) -> bool:
        """The visit sheet names the resident's community centre when the service is given there."""
        return "community_centre" in (self.offices or [])


class GuideArticle(models.Model):
    """The text of one topic in one language, with its review status."""

    topic = models.ForeignKey(GuideTopic, on_delete=models.CASCADE, related_name="articles",
                              verbose_name=_("topic"))
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("review status"), max_length=10, choices=ReviewStatus.choices,
                              default=ReviewStatus.DRAFT)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    steps = models.JSONField(_("steps"), default=list, blank=True)
    documents = models.JSONField(_("documents to bring"), default=list, blank=True)
    fees = models.JSONField(_("fees"), default=list, blank=True)
    deadlines = models.JSONField(_("deadlines"), default=list, blank=True)
    penalties = models.JSONField(_("penalties"), default=list, blank=True)
    where = models.JSONField(_("where to go"), default=list, blank=True)
    hours = models.TextField(_("opening hours"), blank=True)
    faq = models.JSONField(_("questions and answers"), default=list, blank=True)
    keywords = models.JSONField(_("search keywords"), default=list, blank=True)
    # Words as the language's tokenizer split them (Kiwi for Korean, jieba for Chinese), stored so that
    # the search index can be rebuilt at start-up without loading the tokenizers.
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    file_hash = models.CharField(_("hash of the loaded file"), max_length=64, blank=True, editable=False)
    edited_by_staff = models.BooleanField(
        _("edited by staff"), default=False,
        help_text=_("Loading the content files does not overwrite an article that staff edited here."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["topic__key", "language"]
        verbose_name = _("guide article")
        verbose_name_plural = _("guide articles")
        constraints = [
            models.UniqueConstraint(fields=["topic", "language"], name="guide_article_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.topic.key} ({self.language})"

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT
