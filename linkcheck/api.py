"""The link checker's part of the public read API: an outbound address with its health.

Content apps declare their URL fields as `OutboundLinkField`s; the health comes from the
serializer context that core.rest's viewsets load once a page (see LinkcheckConfig.ready).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .outcomes import Outcome
from .registry import normalise


class OutboundLinkSerializer(serializers.Serializer):
    """An address on another site and what the link checker last found there."""

    url = serializers.URLField()
    status = serializers.ChoiceField(
        choices=Outcome.choices,
        help_text="working, broken (failed repeatedly over at least 36 hours), unverified "
        "(the site refused the checker, e.g. 403) or unchecked.",
    )
    last_checked_at = serializers.DateTimeField(allow_null=True)


@extend_schema_field(OutboundLinkSerializer)
class OutboundLinkField(serializers.Field):
    """A URL field with its link health, or null when the record has no such address.

    The health comes from the serializer context's `link_health` map, which the viewset
    loads for a whole page of records in one query (linkcheck.health.health_of).
    """

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, url):
        url = normalise(url or "")
        if not url:
            return None
        link = self.context.get("link_health", {}).get(url)
        return {
            "url": url,
            "status": link.outcome if link else Outcome.UNCHECKED,
            "last_checked_at": (
                serializers.DateTimeField().to_representation(link.last_checked_at)
                if link and link.last_checked_at
                else None
            ),
        }
