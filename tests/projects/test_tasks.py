import pytest

from projects.tasks import owner_editor_emails
from tests.factories import LocalAuthorityFactory, PartnerEditorFactory

pytestmark = pytest.mark.django_db


def test_problem_reports_go_to_editors_as_their_rights_stand_now():
    council = LocalAuthorityFactory()
    editor = PartnerEditorFactory(organisations=[council], email="editor@example.org")
    former = PartnerEditorFactory(organisations=[council], email="former@example.org")
    unroled = PartnerEditorFactory(organisations=[council], email="unroled@example.org")
    former.is_staff = False
    former.save(update_fields=["is_staff"])
    unroled.groups.clear()

    assert owner_editor_emails(council.pk) == [editor.email]
