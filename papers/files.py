"""An uploaded file lives as long as a paper points at it: replaced, cleared, or its paper
deleted, it leaves the disk once the change is committed (a change rolled back loses
nothing). The history keeps old file names, which then name nothing: reverting to one keeps
the current file instead (PaperAdminForm)."""

from django.db import transaction

from .models import Paper

STORED_NAME = "_file_name_in_database"


def remember_stored_file(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: the file the database holds for the paper, to compare after the save."""
    if raw or instance.pk is None or (update_fields is not None and "file" not in update_fields):
        setattr(instance, STORED_NAME, "")
        return
    stored = sender._base_manager.filter(pk=instance.pk).values_list("file", flat=True).first()
    setattr(instance, STORED_NAME, stored or "")


def delete_replaced_file(sender, instance, raw=False, **kwargs):
    """post_save: the file the paper no longer points at goes, after the commit."""
    stored = getattr(instance, STORED_NAME, "")
    if not raw and stored and stored != instance.file.name:
        _delete_after_commit(instance.file.storage, stored)


def delete_removed_papers_file(sender, instance, **kwargs):
    """post_delete: a deleted paper's file goes, after the commit."""
    if instance.file.name:
        _delete_after_commit(instance.file.storage, instance.file.name)


def _delete_after_commit(storage, name):
    def delete():
        if not Paper.objects.filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(delete)
