from celery import shared_task

from . import retention


@shared_task
def purge_expired_personal_records():
    """Nightly: login records past their retention period go, and the admin log's entries
    about accounts deleted long enough ago no longer say whose they were."""
    return {
        "login_records": retention.purge_login_records(),
        "deleted_account_log_entries": retention.anonymise_deleted_accounts_log(),
    }
