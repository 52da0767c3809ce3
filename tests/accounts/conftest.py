import pytest
from axes.utils import reset as reset_axes


@pytest.fixture(autouse=True)
def _reset_axes(request):
    """Start every database test with no recorded sign-in failures."""
    if request.node.get_closest_marker("django_db"):
        reset_axes()
