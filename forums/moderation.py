"""The moderators' pages: the queue of flagged posts, the log, suspensions, and a confirm
step (with the reason for the log) before every action. Actions are POST only."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ModerationForm, MoveThreadForm, SuspendForm
from .models import Flag, ModerationAction, Post, PostStatus, Suspension, Thread
from .permissions import holds_moderator_rights, is_moderator
from .templatetags.forums import member_name

QUEUE_PER_PAGE = 20
LOG_PER_PAGE = 50


def moderator_required(view):
    """Moderators with their second factor given; one not yet given is asked for it."""

    @wraps(view)
    @login_required
    def check(request, *args, **kwargs):
        if not is_moderator(request.user):
            if holds_moderator_rights(request.user):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:two_factor')}?{query}")
            raise PermissionDenied("Only moderators may use this page.")
        return view(request, *args, **kwargs)

    return check


def _next_or(request, fallback):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return fallback


def _confirm(
    request,
    *,
    form,
    heading,
    button,
    cancel_url,
    caption="",
    post=None,
    thread=None,
    member=None,
    warning="",
):
    return render(
        request,
        "forums/moderation/confirm.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "caption": caption,
            "cancel_url": cancel_url,
            "next": _next_or(request, ""),
            "post": post,
            "thread": thread,
            "member": member,
            "warning": warning,
        },
    )


@moderator_required
def queue(request):
    open_flags = Flag.objects.open().select_related("flagger").order_by("created_at")
    posts = (
        Post.objects.filter(
            Q(pk__in=Flag.objects.open().values("post")) | Q(status=PostStatus.PENDING_REVIEW)
        )
        .annotate(
            open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)),
            first_flagged_at=Min("flags__created_at", filter=Q(flags__resolved_at__isnull=True)),
        )
        .select_related("thread__category", "author")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("first_flagged_at", "pk")
    )
    page = Paginator(posts, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forums/moderation/queue.html", {"page_obj": page})


@moderator_required
def log(request):
    actions = ModerationAction.objects.select_related(
        "actor", "thread__category", "post", "member"
    ).order_by("-created_at", "-pk")
    page = Paginator(actions, LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forums/moderation/log.html", {"page_obj": page})


@moderator_required
def suspensions(request):
    now = timezone.now()
    current = Suspension.objects.in_force(now).select_related("member", "suspended_by")
    past = (
        Suspension.objects.exclude(pk__in=current.values("pk"))
        .select_related("member", "suspended_by", "lifted_by")
        .order_by("-starts_at")[:20]
    )
    return render(request, "forums/moderation/suspensions.html", {"current": current, "past": past})


POST_ACTIONS = {
    "hide": ("Hide this post", "Hide post", services.hide_post),
    "restore": ("Show this post again", "Show post", services.restore_post),
}


@moderator_required
@require_http_methods(["GET", "POST"])
def post_action(request, post_id, action):
    if action not in POST_ACTIONS:
        raise Http404("No such action.")
    heading, button, act = POST_ACTIONS[action]
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=post_id)
    if post.is_removed:
        heading, button = "Dismiss the reports on this post its author removed", "Dismiss reports"
    elif action == "restore" and post.is_visible:
        heading, button = "Keep this post and dismiss its flags", "Dismiss flags"
    form = ModerationForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        act(post, moderator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "Done: the action is in the moderation log.")
        return redirect(_next_or(request, post.stable_url()))
    return _confirm(
        request,
        form=form,
        heading=heading,
        button=button,
        caption=post.thread.title,
        cancel_url=_next_or(request, post.stable_url()),
        post=post,
    )


@moderator_required
def post_history(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=post_id)
    revisions = post.revisions.select_related("editor").order_by("replaced_at", "pk")
    return render(
        request,
        "forums/moderation/history.html",
        {"post": post, "thread": post.thread, "revisions": revisions},
    )


THREAD_HEADINGS = {
    "lock": (
        "Lock this thread",
        "Lock thread",
        "No one but moderators can reply to a locked thread.",
    ),
    "unlock": ("Unlock this thread", "Unlock thread", ""),
    "pin": ("Pin this thread", "Pin thread", "Pinned threads are listed first in their category."),
    "unpin": ("Unpin this thread", "Unpin thread", ""),
    "hide": ("Hide this thread", "Hide thread", "Only moderators will see it or its posts."),
    "restore": ("Show this thread again", "Show thread", ""),
}


@moderator_required
@require_http_methods(["GET", "POST"])
def thread_action(request, thread_id, action):
    if action not in services.THREAD_SWITCHES:
        raise Http404("No such action.")
    heading, button, warning = THREAD_HEADINGS[action]
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=thread_id)
    form = ModerationForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.switch_thread(
            thread, action, moderator=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Done: the action is in the moderation log.")
        return redirect(thread.get_absolute_url())
    return _confirm(
        request,
        form=form,
        heading=heading,
        button=button,
        caption=thread.title,
        cancel_url=thread.get_absolute_url(),
        thread=thread,
        warning=warning,
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def move_thread(request, thread_id):
    thread = get_object_or_404(Thread.objects.select_related("category", "author"), pk=thread_id)
    form = MoveThreadForm(thread, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.move_thread(
            thread,
            to=form.cleaned_data["category"],
            moderator=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Done: the thread has moved, and the move is in the log.")
        return redirect(thread.get_absolute_url())
    return _confirm(
        request,
        form=form,
        heading="Move this thread",
        button="Move thread",
        caption=thread.title,
        cancel_url=thread.get_absolute_url(),
        thread=thread,
        warning=f"It is in “{thread.category.name}” now. Links to it keep working.",
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def suspend_member(request, user_id):
    member = get_object_or_404(get_user_model(), pk=user_id)
    if member.pk == request.user.pk or holds_moderator_rights(member):
        messages.info(request, "Moderators and site administrators cannot be suspended here.")
        return redirect("forums:moderation_suspensions")
    form = SuspendForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.suspend_member(
            member,
            days=form.cleaned_data["days"],
            moderator=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"{member_name(member)} cannot post until the suspension ends.")
        return redirect(_next_or(request, reverse("forums:moderation_suspensions")))
    return _confirm(
        request,
        form=form,
        heading=f"Suspend {member_name(member)}",
        button="Suspend member",
        cancel_url=_next_or(request, reverse("forums:moderation_suspensions")),
        member=member,
        warning="Their posts stay; they cannot post, reply or edit until the suspension ends.",
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def lift_suspension(request, suspension_id):
    suspension = get_object_or_404(
        Suspension.objects.in_force().select_related("member"), pk=suspension_id
    )
    form = ModerationForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.lift_suspension(
            suspension, moderator=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, f"{member_name(suspension.member)} can post again.")
        return redirect("forums:moderation_suspensions")
    return _confirm(
        request,
        form=form,
        heading=f"Lift the suspension of {member_name(suspension.member)}",
        button="Lift suspension",
        cancel_url=reverse("forums:moderation_suspensions"),
        member=suspension.member,
    )
