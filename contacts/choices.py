"""The kinds, states and sub-regions of organisations: apart from models.py so that the
querysets can name them without an import cycle."""

from django.db import models


class SubRegion(models.TextChoices):
    """London's five sub-regions as the London Plan (2004) drew them."""

    NORTH = "north", "North London"
    EAST = "east", "East London"
    SOUTH = "south", "South London"
    WEST = "west", "West London"
    CENTRAL = "central", "Central London"


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    GLA_GROUP = "gla_group", "GLA group"
    CENTRAL_GOVERNMENT = "central_government", "Central government"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and emergency planning"
    TRANSPORT = "transport", "Transport"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community"
    EDUCATION = "education", "Education"
    LIBRARY = "library", "Library"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"
