# The real reference data, organisations by slug and the query counter of the project
# register's tests, shared rather than written again.
from tests.projects.conftest import count_queries, org, reference_data  # noqa: F401
