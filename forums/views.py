"""Reading and writing in the forums. Pages load what they show in a fixed number of
queries: lists read the denormalised counters, a thread page reads one page of posts by
position."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from contacts.models import Organisation

from . import services
from .forms import EditPostForm, FlagForm, ReplyForm, ThreadForm
from .models import (
    Category,
    Post,
    PostStatus,
    ReadMark,
    Thread,
    Watch,
    edit_minutes,
    posts_per_page,
    removed_text_retention,
)
from .permissions import is_member, is_moderator, posting_refusal

QUOTE_LENGTH = 2000


def threads_per_page():
    return getattr(settings, "FORUMS_THREADS_PER_PAGE", 25)


def _readable_category(request, slug):
    return get_object_or_404(
        Category.objects.readable_by(request.user).select_related("group"), slug=slug
    )


def _visible_thread(request, thread_id):
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("category__group", "author"),
        pk=thread_id,
    )


def _visible_post(request, post_id):
    post = get_object_or_404(
        Post.objects.select_related("thread__category__group", "author"), pk=post_id
    )
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404("No such post.")
    return post


def _is_unread(thread, mark_position, user):
    """A thread is unread when it has posts past the member's mark; one they have never
    opened counts as unread if it has been active since they joined."""
    if mark_position is None:
        return thread.last_active_at > user.date_joined
    return thread.last_position > mark_position


def index(request):
    categories = Category.objects.readable_by(request.user).select_related(
        "group", "last_post__author", "last_post__thread"
    )
    return render(
        request,
        "forums/index.html",
        {"categories": categories, "is_moderator": is_moderator(request.user)},
    )


def category_detail(request, category_slug):
    category = _readable_category(request, category_slug)
    threads = category.threads.select_related("author", "last_post__author").order_by(
        "-is_pinned", "-last_active_at", "-pk"
    )
    moderator = is_moderator(request.user)
    if not moderator:
        threads = threads.filter(is_hidden=False)
    page = Paginator(threads, threads_per_page()).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    watching = False
    if request.user.is_authenticated:
        marks = dict(
            ReadMark.objects.filter(user=request.user, thread__in=rows).values_list(
                "thread_id", "position"
            )
        )
        for thread in rows:
            thread.is_unread = _is_unread(thread, marks.get(thread.pk), request.user)
        watching = Watch.objects.filter(user=request.user, category=category).exists()
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page_obj": page,
            "threads": rows,
            "refusal": posting_refusal(request.user, category, next_url=request.get_full_path()),
            "watching": watching,
            "is_moderator": moderator,
        },
    )


def _post_rows(thread, page, user, moderator):
    first = page.start_index()
    last = page.end_index()
    organisations = Organisation.objects.only("name", "short_name", "slug").order_by("name")
    posts = list(
        thread.posts.filter(position__gte=first, position__lte=last)
        .select_related("author")
        .prefetch_related(Prefetch("author__organisations", queryset=organisations))
        .order_by("position")
    )
    now = timezone.now()
    member = is_member(user)
    for post in posts:
        post.thread = thread
        post.show_body = post.is_visible or moderator
        post.can_edit = services.may_edit(post, user, now)
        post.can_remove = user.is_authenticated and post.author_id == user.pk and post.is_visible
        post.can_flag = member and post.is_visible and post.author_id != user.pk and not moderator
        post.can_quote = post.is_visible
    return posts


def thread_detail(request, category_slug, thread_id):
    thread = _visible_thread(request, thread_id)
    if thread.category.slug != category_slug:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(f"{thread.get_absolute_url()}{query}", permanent=True)
    moderator = is_moderator(request.user)
    paginator = Paginator(range(thread.last_position), posts_per_page())
    page = paginator.get_page(request.GET.get("page"))
    posts = _post_rows(thread, page, request.user, moderator)
    refusal = posting_refusal(
        request.user, thread.category, thread, next_url=request.get_full_path()
    )
    watching = False
    if request.user.is_authenticated:
        if posts:
            services.mark_read(request.user, thread, posts[-1].position)
        watching = Watch.objects.filter(user=request.user, thread=thread).exists()
    return render(
        request,
        "forums/thread.html",
        {
            "thread": thread,
            "category": thread.category,
            "page_obj": page,
            "posts": posts,
            "refusal": refusal,
            "form": ReplyForm(request.user) if refusal is None else None,
            "watching": watching,
            "is_moderator": moderator,
        },
    )


def post_permalink(request, post_id):
    post = _visible_post(request, post_id)
    return redirect(post.stable_url())


@login_required
def first_unread(request, category_slug, thread_id):
    thread = _visible_thread(request, thread_id)
    mark = ReadMark.objects.filter(user=request.user, thread=thread).first()
    position = min((mark.position if mark else 0) + 1, thread.last_position)
    post = thread.posts.only("pk", "position").filter(position__gte=position).first()
    if post is None:
        return redirect(thread.get_absolute_url())
    return redirect(thread.url_of_position(post.position, post.pk))


def _cannot_post(request, refusal, category, thread=None):
    return render(
        request,
        "forums/cannot_post.html",
        {"refusal": refusal, "category": category, "thread": thread},
        status=403,
    )


def _quote(post):
    author = _display_name(post.author)
    text = post.body.strip()
    if len(text) > QUOTE_LENGTH:
        text = text[:QUOTE_LENGTH].rstrip() + " …"
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"{author} wrote:\n\n{quoted}\n\n"


def _display_name(user):
    from .templatetags.forums import member_name

    return member_name(user)


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request, category_slug):
    category = _readable_category(request, category_slug)
    refusal = posting_refusal(request.user, category)
    if refusal is not None:
        return _cannot_post(request, refusal, category)
    preview = None
    if request.method == "POST":
        previewing = "preview" in request.POST
        form = ThreadForm(request.user, data=request.POST, preview=previewing)
        if form.is_valid():
            if previewing:
                preview = form.cleaned_data["body"]
            else:
                post = services.start_thread(
                    category=category,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
                messages.success(request, "Your thread has been started.")
                return redirect(post.thread.get_absolute_url())
    else:
        form = ThreadForm(request.user)
    return render(
        request,
        "forums/new_thread.html",
        {"category": category, "form": form, "preview": preview},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply(request, category_slug, thread_id):
    thread = _visible_thread(request, thread_id)
    if thread.category.slug != category_slug:
        return redirect("forums:reply", thread.category.slug, thread.pk)
    refusal = posting_refusal(request.user, thread.category, thread)
    if refusal is not None:
        return _cannot_post(request, refusal, thread.category, thread)
    preview = None
    if request.method == "POST":
        previewing = "preview" in request.POST
        form = ReplyForm(request.user, data=request.POST, preview=previewing)
        if form.is_valid():
            if previewing:
                preview = form.cleaned_data["body"]
            else:
                post = services.add_reply(
                    thread=thread, author=request.user, body=form.cleaned_data["body"]
                )
                post.thread = thread
                messages.success(request, "Your reply has been posted.")
                return redirect(post.stable_url())
    else:
        initial = {}
        quoted_id = request.GET.get("quote", "")
        if quoted_id.isdigit():
            quoted = (
                thread.posts.visible().select_related("author").filter(pk=int(quoted_id)).first()
            )
            if quoted is not None:
                initial["body"] = _quote(quoted)
        form = ReplyForm(request.user, initial=initial)
    return render(
        request,
        "forums/reply.html",
        {"thread": thread, "category": thread.category, "form": form, "preview": preview},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    post = _visible_post(request, post_id)
    thread = post.thread
    if post.author_id != request.user.pk:
        raise Http404("No such post of yours.")
    refusal = posting_refusal(request.user, thread.category, thread)
    if refusal is not None:
        return _cannot_post(request, refusal, thread.category, thread)
    if not services.may_edit(post, request.user):
        messages.info(
            request,
            "You can no longer edit that post: posts can be changed for "
            f"{edit_minutes()} minutes after they are sent.",
        )
        return redirect(post.stable_url())
    preview = None
    initial = {"body": post.body, "title": thread.title}
    if request.method == "POST":
        previewing = "preview" in request.POST
        form = EditPostForm(
            request.user, data=request.POST, preview=previewing, with_title=post.is_first
        )
        if form.is_valid():
            if previewing:
                preview = form.cleaned_data["body"]
            else:
                services.edit_post(
                    post,
                    editor=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title"),
                )
                messages.success(request, "Your post has been changed.")
                return redirect(post.stable_url())
    else:
        form = EditPostForm(request.user, initial=initial, with_title=post.is_first)
    return render(
        request,
        "forums/edit_post.html",
        {
            "post": post,
            "thread": thread,
            "category": thread.category,
            "form": form,
            "preview": preview,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_post(request, post_id):
    post = _visible_post(request, post_id)
    if post.author_id != request.user.pk:
        raise Http404("No such post of yours.")
    if post.status != PostStatus.VISIBLE:
        return redirect(post.stable_url())
    if request.method == "POST":
        if services.remove_own_post(post):
            messages.success(request, "Your post has been removed.")
        return redirect(post.stable_url())
    return render(
        request,
        "forums/remove_post.html",
        {
            "post": post,
            "thread": post.thread,
            "category": post.thread.category,
            "retention_days": removed_text_retention().days,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def erase_removed_text(request):
    """The author's erasure request for what they took back: the text of their removed
    posts and the earlier versions of their edited posts, at once."""
    if request.method == "POST":
        posts, revisions = services.erase_own_text(request.user)
        if posts or revisions:
            messages.success(request, "Done: that text has been erased.")
        return redirect("forums:erase_removed_text")
    posts, revisions = services.erasable_text(request.user)
    return render(
        request,
        "forums/erase_removed_text.html",
        {
            "removed_posts": posts,
            "revisions": revisions,
            "retention_days": removed_text_retention().days,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def flag_post(request, post_id):
    post = _visible_post(request, post_id)
    thread = post.thread
    if not is_member(request.user):
        return _cannot_post(
            request, posting_refusal(request.user, thread.category), thread.category
        )
    if post.author_id == request.user.pk or not post.is_visible:
        return redirect(post.stable_url())
    form = FlagForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.flag_post(
            post,
            flagger=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, "Thank you. Moderators will look at the post.")
        return redirect(post.stable_url())
    return render(
        request,
        "forums/flag_post.html",
        {"post": post, "thread": thread, "category": thread.category, "form": form},
    )


def _toggle_watch(request, watching_now, **target):
    services.set_watching(request.user, watching=not watching_now, **target)
    what = "this thread" if "thread" in target else "this category"
    if watching_now:
        messages.success(request, f"You are no longer watching {what}.")
    else:
        messages.success(
            request, f"You are watching {what}: we will tell you about new posts by e-mail."
        )


@login_required
@require_POST
def watch_thread(request, category_slug, thread_id):
    thread = _visible_thread(request, thread_id)
    watching = Watch.objects.filter(user=request.user, thread=thread).exists()
    _toggle_watch(request, watching, thread=thread)
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def watch_category(request, category_slug):
    category = _readable_category(request, category_slug)
    watching = Watch.objects.filter(user=request.user, category=category).exists()
    _toggle_watch(request, watching, category=category)
    return redirect(category.get_absolute_url())
