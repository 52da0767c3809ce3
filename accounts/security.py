def axes_username(request, credentials=None):
    """The login name axes counts failures against, from allauth's or the admin's form."""
    sources = [credentials or {}, request.POST if request is not None else {}]
    for source in sources:
        for key in ("login", "email", "username"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None
