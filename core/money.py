"""Sums of money, as the content apps keep them (project budgets, funding awards)."""

from django.core.validators import MinValueValidator
from django.db import models


def money_field(verbose_name, help_text):
    """An optional amount in pounds and pence, under a trillion, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )
