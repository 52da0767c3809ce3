from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import saved
from .forms import SavedSearchForm, SubscriptionsForm, new_saved_search
from .mail import list_name
from .models import SavedSearch
from .subscriptions import renew_unsubscribe_links, subscriptions_at
from .subscriptions import unsubscribe as turn_off
from .tokens import is_current, read_token


@never_cache
@login_required
def subscriptions(request):
    form = SubscriptionsForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your e-mail subscriptions are saved.")
        return redirect("digests:subscriptions")
    searches = [
        {"search": search, "scope": saved.scope_label(search.scope)}
        for search in request.user.saved_searches.order_by("name", "pk")
    ]
    return render(request, "digests/subscriptions.html", {"form": form, "saved_searches": searches})


@never_cache
@login_required
def new_search(request):
    """Confirm a search from a list or the search page as an alert: name it, choose how
    often. Signed-out visitors sign in first and come back here with the search kept."""
    source = request.POST if request.method == "POST" else request.GET
    scope = source.get("scope", "")
    params = source.copy()
    for name in ("scope", "csrfmiddlewaretoken", "name", "frequency"):
        params.pop(name, None)
    if request.method == "POST":
        params = source.get("query", "")
    try:
        search = new_saved_search(request.user, scope, params)
    except saved.InvalidSearch as problem:
        return render(
            request, "digests/saved_search_invalid.html", {"problem": problem}, status=400
        )
    form = SavedSearchForm(request.user, data=request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Alert “{search.name}” saved.")
        return redirect("digests:subscriptions")
    return render(
        request,
        "digests/saved_search_new.html",
        {
            "form": form,
            "search": search,
            "lines": saved.describe(search.scope, search.query),
            "scope_label": saved.scope_label(search.scope),
            "search_url": saved.search_url(search.scope, search.query),
        },
    )


@never_cache
@login_required
def saved_search(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, member=request.user)
    form = SavedSearchForm(request.user, data=request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Alert “{search.name}” saved.")
        return redirect("digests:subscriptions")
    return render(
        request,
        "digests/saved_search_edit.html",
        {
            "form": form,
            "search": search,
            "lines": saved.describe(search.scope, search.query),
            "scope_label": saved.scope_label(search.scope),
            "search_url": saved.search_url(search.scope, search.query),
        },
    )


@never_cache
@login_required
def delete_saved_search(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, member=request.user)
    if request.method == "POST":
        search.delete()
        renew_unsubscribe_links(request.user)
        messages.success(request, f"Alert “{search.name}” deleted.")
        return redirect("digests:subscriptions")
    return render(request, "digests/saved_search_delete.html", {"search": search})


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" with no cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm (mail scanners follow links: nothing changes on GET); POST, from
    the button or a mail program's one-click, turns the list off. No sign-in needed, so the
    pages name nothing of the member's: whoever holds the link may not be them."""
    try:
        member_id, kind, key = read_token(token)
        member = get_user_model().objects.get(pk=member_id, is_active=True)
    except (signing.BadSignature, get_user_model().DoesNotExist):
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    if not is_current(member, key):
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    context = {"token": token, "list_name": list_name(kind), "kind": kind}
    if request.method == "POST":
        turn_off(member, kind)
        return render(request, "digests/unsubscribed.html", context)
    context["stopping"] = subscriptions_at(member, kind)
    return render(request, "digests/unsubscribe.html", context)
