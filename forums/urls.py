from django.urls import path

from . import moderation, views
from .feeds import CategoryFeed

app_name = "forums"

# Fixed paths come before <slug:category_slug>/, which would otherwise take them for
# categories; Category.RESERVED_SLUGS keeps a category from ever being given one of them.
urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", moderation.queue, name="moderation_queue"),
    path("moderation/log/", moderation.log, name="moderation_log"),
    path("moderation/suspensions/", moderation.suspensions, name="moderation_suspensions"),
    path(
        "moderation/suspensions/<int:suspension_id>/lift/",
        moderation.lift_suspension,
        name="moderation_lift_suspension",
    ),
    path(
        "moderation/members/<int:user_id>/suspend/",
        moderation.suspend_member,
        name="moderation_suspend_member",
    ),
    path(
        "moderation/posts/<int:post_id>/history/",
        moderation.post_history,
        name="moderation_post_history",
    ),
    path(
        "moderation/posts/<int:post_id>/<slug:action>/",
        moderation.post_action,
        name="moderation_post_action",
    ),
    path(
        "moderation/threads/<int:thread_id>/move/",
        moderation.move_thread,
        name="moderation_move_thread",
    ),
    path(
        "moderation/threads/<int:thread_id>/<slug:action>/",
        moderation.thread_action,
        name="moderation_thread_action",
    ),
    path("posts/erase/", views.erase_removed_text, name="erase_removed_text"),
    path("posts/<int:post_id>/", views.post_permalink, name="post"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/remove/", views.remove_post, name="remove_post"),
    path("posts/<int:post_id>/flag/", views.flag_post, name="flag_post"),
    path("<slug:category_slug>/", views.category_detail, name="category"),
    path("<slug:category_slug>/new/", views.new_thread, name="new_thread"),
    path("<slug:category_slug>/feed/", CategoryFeed(), name="category_feed"),
    path("<slug:category_slug>/watch/", views.watch_category, name="watch_category"),
    path("<slug:category_slug>/<int:thread_id>/", views.thread_detail, name="thread"),
    path("<slug:category_slug>/<int:thread_id>/reply/", views.reply, name="reply"),
    path("<slug:category_slug>/<int:thread_id>/unread/", views.first_unread, name="first_unread"),
    path("<slug:category_slug>/<int:thread_id>/watch/", views.watch_thread, name="watch_thread"),
]
