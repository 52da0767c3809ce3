from .models import Visibility


def audience_for(user) -> Visibility:
    """Which visibility level a viewer reaches.

    "Staff" means the LondonConnects team (site administrators); partner editors, who
    also use the admin, reach "partners"; everyone else, signed in or not, "public".
    """
    if not user.is_authenticated or not user.is_active:
        return Visibility.PUBLIC
    if user.is_superuser:
        return Visibility.STAFF
    if user.editable_organisation_ids():
        return Visibility.PARTNERS
    return Visibility.PUBLIC
