"""What readers said about a page: useful or not, and what went wrong. Only what they typed is kept,
with the page and the time: no address, browser or other trace of who sent it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class Answer(models.TextChoices):
    USEFUL = "useful", "Yes, useful"
    NOT_USEFUL = "not_useful", "No, not useful"
    PROBLEM = "problem", "Problem reported"


class FeedbackQuerySet(models.QuerySet):
    def open(self):
        """Not yet dealt with by an editor."""
        return self.filter(dealt_with=False)

    def since(self, moment):
        return self.filter(received_at__gte=moment)

    def counts(self):
        """{"useful": n, "not_useful": n, "problem": n, "open": n} over these rows, in one query."""
        return self.aggregate(
            **{answer.value: Count("pk", filter=Q(answer=answer)) for answer in Answer},
            open=Count("pk", filter=Q(dealt_with=False)),
        )

    def by_page(self):
        """One row per page with its counts, the pages with most "No" answers first."""
        return (
            self.values("page")
            .annotate(
                useful=Count("pk", filter=Q(answer=Answer.USEFUL)),
                not_useful=Count("pk", filter=Q(answer=Answer.NOT_USEFUL)),
                problem=Count("pk", filter=Q(answer=Answer.PROBLEM)),
                open=Count("pk", filter=Q(dealt_with=False)),
            )
            .order_by("-not_useful", "-problem", "page")
        )


class Feedback(models.Model):
    answer = models.CharField(max_length=20, choices=Answer.choices)
    page = models.CharField(max_length=300, help_text="The address of the page the reader was on.")
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="kind of page",
        help_text="The kind of content the page shows, when it is one item's page.",
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    doing = models.TextField("what they were trying to do", blank=True)
    went_wrong = models.TextField("what went wrong", blank=True)
    dealt_with = models.BooleanField(default=False, help_text="Tick once the team has acted on this or decided not to.")
    dealt_with_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "feedback"
        verbose_name_plural = "feedback"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="feedback_received_idx"),
            models.Index(fields=["page", "received_at"], name="feedback_page_idx"),
            models.Index(fields=["answer", "received_at"], name="feedback_answer_idx"),
            models.Index(fields=["page"], condition=Q(dealt_with=False), name="feedback_open_page_idx"),
        ]

    def __str__(self):
        return f"{self.get_answer_display()} on {self.page}"

    @property
    def has_details(self):
        return bool(self.doing or self.went_wrong)
