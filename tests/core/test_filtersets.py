"""The lists' filter choices are made per request (counts, the topics in use) even after the
API's schema has been generated: drf-spectacular asks the same FilterSet classes for their
form fields, which django-filter then keeps, and the lists once lost their counts to that."""

import pytest

from contacts.reference_data import load_reference_data
from tests.londonconnects.html import elements
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_choices_follow_the_data_after_the_schema_is_generated(client):
    load_reference_data()
    assert client.get("/api/schema/").status_code == 200

    html = client.get("/organisations/?kind=local_authority").content.decode()
    assert "Local authority (33)" in html

    ProjectFactory(title="Telecare hub", topics=["Telecare"])
    html = client.get("/projects/").content.decode()
    assert "Telecare" in [o["text"] for o in elements(html, "option")]
    ProjectFactory(title="Broadband hub", topics=["Broadband"])
    html = client.get("/projects/").content.decode()
    assert {"Telecare", "Broadband"} <= {o["text"] for o in elements(html, "option")}
