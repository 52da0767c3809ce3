"""Demo discussions for `manage.py seed_demo`: fictional members (addresses at example.org,
reserved for examples) talking about the partnership's themes.

Scale 1 makes 30 threads and 300 posts. Everything is written with bulk inserts and the
counters are then recomputed in one pass (forums.counters), so a scale of about 700
(200,000 posts) runs in minutes; see docs/benchmarks.md. Threads are numbered: a run at a
larger scale adds only the threads past those already there, and a repeated run adds nothing.
"""

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Max
from django.utils import timezone

from contacts.models import Group, Organisation

from .counters import recount_categories, recount_threads
from .models import (
    Category,
    Flag,
    FlagReason,
    ModerationAction,
    ModerationActionKind,
    Post,
    PostStatus,
    Thread,
)
from .themes import THEMES

THREADS_PER_SCALE = 30
# Posts in each of a scale's 30 threads: 300 in all, one thread long enough for 3 pages.
POSTS_PER_THREAD = (
    45, 3, 8, 12, 1, 6, 15, 9, 4, 11, 7, 20, 2, 10, 5,
    14, 8, 6, 18, 3, 9, 12, 5, 7, 16, 4, 10, 13, 2, 15,
)  # fmt: skip
MEMBERS_PER_SCALE = 15
MAX_MEMBERS = 2000
BATCH = 2000
EMAIL_PREFIX = "forum.member."
EMAIL_DOMAIN = "@example.org"

GROUP_FORUMS = (
    # (group slug, category name, slug, description, private)
    (
        "london-information-sharing-forum-demo",
        "London Information Sharing Forum: members’ discussion",
        "information-sharing-forum-members",
        "The forum's own discussion, open for all to read; its member organisations post.",
        False,
    ),
    (
        "shared-planning-applications-portal-club-demo",
        "Planning portal club: private room",
        "planning-portal-club-private",
        "The shareware club's private room, for people of its member councils only.",
        True,
    ),
)

FIRST = (
    "Abena", "Bartholomew", "Ceridwen", "Dmitri", "Eilidh", "Fergus", "Gwendolyn", "Hamza",
    "Imogen", "Jerome", "Keziah", "Lorcan", "Mehreen", "Nathaniel", "Orla", "Piotr",
    "Rhiannon", "Sebastian", "Temperance", "Umar", "Verity", "Wilhelmina", "Yannick", "Zara",
)  # fmt: skip
LAST = (
    "Achterberg", "Blackwood", "Coker-Adams", "Drummond", "Eastleigh", "Featherstone",
    "Goodbody", "Hargreaves-Obi", "Ironside", "Jellicoe", "Kilbride", "Lockhart", "Mortimer",
    "Nightingale", "Oduya", "Pargeter", "Quinlan", "Rowntree", "Summerhayes", "Trelawney",
    "Upjohn", "Valentine", "Whitlock", "Youngblood", "Zeller",
)  # fmt: skip

TITLES = {
    "smart-cards": (
        "One card for libraries and leisure across boroughs?",
        "Lessons from the Oyster roll-out for council smart cards",
        "Smart cards and data protection: what do cardholders agree to?",
        "Concessionary travel on a citizen card",
    ),
    "e-democracy": (
        "Webcasting council meetings: is anyone watching?",
        "E-petitions: how do you answer them?",
        "Online consultation on the local plan",
        "E-voting pilots: what did we learn?",
    ),
    "social-inclusion": (
        "Getting older residents online in libraries",
        "Community languages on council websites",
        "Accessible forms: WCAG in practice",
        "UK online centres after the funding ends",
    ),
    "information-sharing": (
        "A pan-London information sharing protocol",
        "Sharing data with health: consent or public task?",
        "Children's services and the police: what can we share?",
        "Anonymising data before it leaves the council",
    ),
    "shared-services": (
        "Shared payroll between neighbouring boroughs",
        "A shared contact centre: who answers the phone?",
        "Build once, use many: the reusable forms library",
        "Governance of a shared service: lessons learned",
    ),
    "e-procurement": (
        "Purchasing cards for low-value spend",
        "E-tendering portals: one for London?",
        "Helping small suppliers onto the e-marketplace",
        "E-invoicing and the finance system",
    ),
    "customer-access-and-crm": (
        "Choosing a CRM system for the contact centre",
        "One-stop shops versus the telephone",
        "Joining up enquiries across housing and benefits",
        "Measuring first-contact resolution",
    ),
    "open-standards": (
        "XML schemas for planning applications",
        "The address gazetteer: keeping it current",
        "e-GIF compliance in procurement",
        "Open source in local government",
    ),
    "general-discussion": (
        "Introductions: who is new to the forums?",
        "Papers from the annual conference",
        "Suggestions for the LondonConnects site",
        "What should the next workshop cover?",
    ),
}
DEFAULT_TITLES = (
    "Minutes of the last meeting",
    "Progress on our shared project",
    "Questions for the next meeting",
    "Useful documents",
)

OPENINGS = (
    "We have been looking at this in our borough for a few months now.",
    "I would be interested to hear how other partners have approached this.",
    "Our cabinet member has asked for a paper on this by the spring.",
    "This came up at the last sub-regional meeting and I promised to start a thread.",
    "We piloted something similar last year, with mixed results.",
)
MIDDLES = (
    "The main obstacle has been **joining up the back-office systems**, not the website.",
    "Residents told us they wanted *fewer* forms, not more channels.",
    "We found that staff training mattered more than the technology.",
    "The business case rested on savings in the contact centre.",
    "Data protection advice took longer than the build itself.",
    "Take-up was highest where the library staff promoted it.",
)
LISTS = (
    "What worked for us:\n\n- a small project board\n- early talks with the supplier\n"
    "- testing with residents before launch",
    "Questions we still have:\n\n1. Who owns the data?\n2. How do we measure take-up?\n"
    "3. What happens when the funding ends?",
)
CLOSINGS = (
    "Happy to share our project plan with anyone who wants it.",
    "Does anyone have figures they could share?",
    "There is more in the [partnership's guidance](https://example.org/guidance).",
    "Let's discuss this at the next workshop.",
    "Thanks to everyone who has replied so far.",
)


def _member_name(index):
    first = FIRST[index % len(FIRST)]
    last = LAST[(index + index // len(FIRST)) % len(LAST)]
    return f"{first} {last}"


def _ensure_members(count):
    """Fictional members with confirmed addresses and no usable password."""
    User = get_user_model()
    emails = [f"{EMAIL_PREFIX}{index}{EMAIL_DOMAIN}" for index in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    now = timezone.now()
    new_users = [
        User(
            email=email,
            full_name=_member_name(index),
            password=make_password(None),
            date_joined=now - datetime.timedelta(days=800 + index % 300),
        )
        for index, email in enumerate(emails)
        if email not in existing
    ]
    if new_users:
        User.objects.bulk_create(new_users, batch_size=BATCH)
        created = User.objects.filter(email__in=[user.email for user in new_users])
        by_email = dict(created.values_list("email", "pk"))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=pk, email=email, verified=True, primary=True)
                for email, pk in by_email.items()
            ],
            batch_size=BATCH,
        )
        # One member in three is a partner member: an officer of a partner organisation.
        organisations = list(
            Organisation.objects.active().order_by("slug").values_list("pk", flat=True)
        )
        Membership = User.organisations.through
        number = {email: index for index, email in enumerate(emails)}
        Membership.objects.bulk_create(
            [
                Membership(
                    user_id=pk, organisation_id=organisations[number[email] % len(organisations)]
                )
                for email, pk in by_email.items()
                if organisations and number[email] % 3 == 0
            ],
            batch_size=BATCH,
        )
    ordered = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    return [ordered[email] for email in emails]


# The site topics each theme forum discusses: its threads appear on those topic pages.
THEME_TOPICS = {
    "smart-cards": ("smart cards",),
    "e-democracy": ("e-democracy",),
    "social-inclusion": ("digital inclusion",),
    "information-sharing": ("information sharing", "data protection"),
    "shared-services": ("customer services",),
    "e-procurement": ("e-procurement",),
    "customer-access-and-crm": ("customer services",),
    "open-standards": ("open standards",),
    "general-discussion": ("e-government",),
}


def _categories():
    for position, (name, slug, description) in enumerate(THEMES, start=1):
        category, _ = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position * 10},
        )
        if slug in THEME_TOPICS and not category.topics.exists():
            category.topics.add(*THEME_TOPICS[slug])
    for offset, (group_slug, name, slug, description, private) in enumerate(GROUP_FORUMS):
        group = Group.objects.filter(slug=group_slug).first()
        if group is not None:
            Category.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "position": 500 + offset * 10,
                    "group": group,
                    "members_only": private,
                },
            )
    theme_slugs = [slug for _, slug, _ in THEMES]
    group_slugs = [slug for _, _, slug, _, _ in GROUP_FORUMS]
    found = {c.slug: c for c in Category.objects.filter(slug__in=theme_slugs + group_slugs)}
    return [found[slug] for slug in theme_slugs + group_slugs if slug in found]


def _body(rng, author_name=None):
    parts = [rng.choice(OPENINGS), rng.choice(MIDDLES)]
    if rng.random() < 0.25:
        parts.append(rng.choice(LISTS))
    if author_name and rng.random() < 0.3:
        parts.insert(0, f"> {rng.choice(MIDDLES)}\n\nI agree with {author_name} on this.")
    parts.append(rng.choice(CLOSINGS))
    return "\n\n".join(parts)


def _thread_title(category, nth):
    """The category's nth demo title; numbered once its list runs out."""
    titles = TITLES.get(category.slug, DEFAULT_TITLES)
    title = titles[nth % len(titles)]
    return title if nth < len(titles) else f"{title} ({nth // len(titles) + 1})"


def _demo_threads():
    return Thread.objects.filter(
        author__email__startswith=EMAIL_PREFIX, author__email__endswith=EMAIL_DOMAIN
    )


def seed(scale, rng, stdout, post_multiplier=1):
    """`post_multiplier` makes every thread that many times its usual length (the search
    benchmark's threads average 40 posts); seed_demo leaves it at 1."""
    categories = _categories()
    members = _ensure_members(min(MEMBERS_PER_SCALE * scale, MAX_MEMBERS))
    names = {pk: _member_name(index) for index, pk in enumerate(members)}
    base_seed = rng.random()
    start = _demo_threads().count()
    target = THREADS_PER_SCALE * scale
    if start >= target:
        return 0
    now = timezone.now()
    highest_before = Thread.objects.aggregate(top=Max("pk"))["top"] or 0

    created = 0
    for batch_start in range(start, target, BATCH // 10):
        batch = range(batch_start, min(batch_start + BATCH // 10, target))
        plans = [
            _plan_thread(index, base_seed, categories, members, names, now, post_multiplier)
            for index in batch
        ]
        threads = Thread.objects.bulk_create([plan["thread"] for plan in plans])
        posts = []
        for thread, plan in zip(threads, plans, strict=True):
            for post in plan["posts"]:
                post.thread_id = thread.pk
                posts.append(post)
        Post.objects.bulk_create(posts, batch_size=BATCH)
        created += len(threads) + len(posts)

    new_threads = Thread.objects.filter(pk__gt=highest_before)
    recount_threads(new_threads)
    recount_categories()
    _flag_examples(new_threads, members)
    return created


def _plan_thread(index, base_seed, categories, members, names, now, post_multiplier=1):
    """Thread number `index` and its posts, the same on every run."""
    rng = random.Random(f"{base_seed}:thread:{index}")
    category = categories[index % len(categories)]
    post_total = POSTS_PER_THREAD[index % len(POSTS_PER_THREAD)] * post_multiplier
    started = now - datetime.timedelta(days=rng.uniform(1, 700))
    author = members[rng.randrange(len(members))]
    thread = Thread(
        category=category,
        title=_thread_title(category, index // len(categories)),
        author_id=author,
        created_at=started,
        updated_at=started,
        last_active_at=started,
        is_pinned=index % 97 == 0,
        is_locked=index % 41 == 17,
    )
    posts = []
    moment = started
    previous_name = None
    for position in range(1, post_total + 1):
        poster = author if position == 1 else members[rng.randrange(len(members))]
        if position > 1:
            moment = min(moment + datetime.timedelta(hours=rng.uniform(0.2, 30)), now)
        status = PostStatus.VISIBLE
        if position > 1 and rng.random() < 0.02:
            status = PostStatus.REMOVED
        edited = moment + datetime.timedelta(minutes=rng.randint(2, 25))
        posts.append(
            Post(
                position=position,
                author_id=poster,
                body=_body(rng, previous_name),
                status=status,
                created_at=moment,
                edited_at=edited if rng.random() < 0.08 and edited <= now else None,
            )
        )
        previous_name = names[poster] if rng.random() < 0.5 else None
    return {"thread": thread, "posts": posts}


def _flag_examples(threads, members):
    """In one new thread, a reply hidden after three members flagged it: the moderation
    queue has something to show."""
    post = (
        Post.objects.filter(thread__in=threads, position=2, status=PostStatus.VISIBLE)
        .order_by("thread_id")
        .select_related("thread")
        .first()
    )
    if post is None or len(members) < 4:
        return
    flaggers = [pk for pk in members if pk != post.author_id][:3]
    Flag.objects.bulk_create(
        [
            Flag(post=post, flagger_id=pk, reason=FlagReason.SPAM, details="Looks like an advert.")
            for pk in flaggers
        ]
    )
    Post.objects.filter(pk=post.pk).update(status=PostStatus.PENDING_REVIEW)
    ModerationAction.objects.create(
        actor=None,
        kind=ModerationActionKind.AUTO_HIDE_POST,
        thread=post.thread,
        post=post,
        member_id=post.author_id,
        reason=f"Flagged by {len(flaggers)} members.",
    )
    recount_threads(Thread.objects.filter(pk=post.thread_id))
    recount_categories(Category.objects.filter(pk=post.thread.category_id))
