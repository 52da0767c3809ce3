"""E-mails that tell an account's addresses how the account is reached has changed, or that
someone asked to change it. allauth sends the rest ("notifications": password changed or
reset, address changed or removed) to the address in use; these add what it does not."""

from allauth.account.adapter import get_adapter


def tell_the_current_address_of_a_change_asked_for(request, user, new_email):
    """Before the new address is confirmed, so the person can stop a change not theirs."""
    get_adapter().send_notification_mail(
        "account/email/email_change_asked", user, {"new_email": new_email}
    )


def tell_the_new_address_it_is_in_use(
    sender, request, user, from_email_address, to_email_address, **kwargs
):
    """allauth's email_changed receiver: allauth tells the old address; this, the new one."""
    if from_email_address is None:
        return
    get_adapter().send_notification_mail(
        "account/email/email_now_in_use",
        user,
        {"from_email": from_email_address.email, "to_email": to_email_address.email},
        email=to_email_address.email,
    )
