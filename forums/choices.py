"""A post's states: apart from models.py so that the querysets can name them."""

from django.db import models


class PostStatus(models.TextChoices):
    VISIBLE = "visible", "Visible"
    REMOVED = "removed", "Removed by its author"
    HIDDEN = "hidden", "Hidden by a moderator"
    PENDING_REVIEW = "pending_review", "Hidden pending review"
