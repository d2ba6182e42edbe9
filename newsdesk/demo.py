"""The demo desk: facts about When the Stars Gossip and the shows behind its makers.

Only facts the desk is sure of. Character notes are in our own words.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from dramas.models import AlternativeTitle, Drama, Genre, Network
from people.models import Alias, Person, Role

D = datetime.date

NETWORKS = [
    ("tvN", Network.Kind.BROADCASTER),
    ("SBS", Network.Kind.BROADCASTER),
    ("KBS2", Network.Kind.BROADCASTER),
    ("Netflix", Network.Kind.STREAMING),
]

DRAMAS = [
    {
        "slug": "when-the-stars-gossip",
        "title": "When the Stars Gossip",
        "native_title": "별들에게 물어봐",
        "network": "tvN",
        "streaming": ["Netflix"],
        "premiere_on": D(2025, 1, 4),
        "genres": ["Romantic comedy", "Science fiction"],
        "synopsis": "A romantic comedy set in orbit: a space tourist with a secret and "
        "the commander of a space station are thrown together far from Earth.",
    },
    {
        "slug": "its-okay-to-not-be-okay",
        "title": "It's Okay to Not Be Okay",
        "native_title": "사이코지만 괜찮아",
        "network": "tvN",
        "premiere_on": D(2020, 6, 20),
        "finale_on": D(2020, 8, 9),
        "episode_count": 16,
        "genres": ["Romance", "Drama"],
    },
    {
        "slug": "dont-dare-to-dream",
        "title": "Don't Dare to Dream",
        "native_title": "질투의 화신",
        "network": "SBS",
        "premiere_on": D(2016, 8, 24),
        "finale_on": D(2016, 11, 10),
        "episode_count": 24,
        "genres": ["Romantic comedy"],
        "other_titles": [("Jealousy Incarnate", AlternativeTitle.Kind.LITERAL)],
    },
    {
        "slug": "boys-over-flowers",
        "title": "Boys Over Flowers",
        "native_title": "꽃보다 남자",
        "network": "KBS2",
        "premiere_on": D(2009, 1, 5),
        "finale_on": D(2009, 3, 31),
        "genres": ["Romance"],
    },
]

PEOPLE = [
    ("lee-min-ho", "Lee Min Ho", "이민호", D(1987, 6, 22), ["Lee Min-ho", "Lee Minho"]),
    ("gong-hyo-jin", "Gong Hyo Jin", "공효진", D(1980, 4, 4), ["Gong Hyo-jin"]),
    ("oh-jung-se", "Oh Jung Se", "오정세", None, ["Oh Jung-se"]),
    ("han-ji-eun", "Han Ji Eun", "한지은", None, ["Han Ji-eun"]),
    ("heo-nam-jun", "Heo Nam Jun", "허남준", None, ["Heo Nam-jun"]),
    ("park-shin-woo", "Park Shin Woo", "박신우", None, ["Park Shin-woo"]),
    ("seo-sook-hyang", "Seo Sook Hyang", "서숙향", None, ["Seo Sook-hyang"]),
    ("kim-soo-hyun", "Kim Soo Hyun", "김수현", None, ["Kim Soo-hyun"]),
    ("seo-ye-ji", "Seo Ye Ji", "서예지", None, ["Seo Ye-ji"]),
    ("jo-jung-suk", "Jo Jung Suk", "조정석", None, ["Jo Jung-suk"]),
]

LEAD, SUPPORTING = Role.Tier.LEAD, Role.Tier.SUPPORTING
# (drama, person, character, description, tier, billing)
CAST = [
    (
        "when-the-stars-gossip",
        "lee-min-ho",
        "Gong Ryong",
        "An OB-GYN who boards the space station as a tourist for a few days, "
        "on a mission he cannot disclose.",
        LEAD,
        1,
    ),
    (
        "when-the-stars-gossip",
        "gong-hyo-jin",
        "Eve Kim",
        "A commander leading her first mission on the space station.",
        LEAD,
        2,
    ),
    (
        "when-the-stars-gossip",
        "oh-jung-se",
        "Kang Kang Soo",
        "A researcher who studies fruit flies on the station: the second son of a "
        "global financial family, newly taken with space.",
        SUPPORTING,
        3,
    ),
    (
        "when-the-stars-gossip",
        "han-ji-eun",
        "Choi Go Eun",
        "Gong Ryong's girlfriend and the sole heir of MZ Group's chairman.",
        SUPPORTING,
        4,
    ),
    ("when-the-stars-gossip", "heo-nam-jun", "", "", SUPPORTING, 5),
    ("its-okay-to-not-be-okay", "kim-soo-hyun", "Moon Gang Tae", "", LEAD, 1),
    ("its-okay-to-not-be-okay", "seo-ye-ji", "Ko Moon Young", "", LEAD, 2),
    ("its-okay-to-not-be-okay", "oh-jung-se", "Moon Sang Tae", "", LEAD, 3),
    ("dont-dare-to-dream", "gong-hyo-jin", "Pyo Na Ri", "", LEAD, 1),
    ("dont-dare-to-dream", "jo-jung-suk", "Lee Hwa Shin", "", LEAD, 2),
    ("boys-over-flowers", "lee-min-ho", "Gu Jun Pyo", "", LEAD, 1),
]
CREW = [
    ("when-the-stars-gossip", "park-shin-woo", Role.Job.DIRECTOR),
    ("when-the-stars-gossip", "seo-sook-hyang", Role.Job.SCREENWRITER),
    ("its-okay-to-not-be-okay", "park-shin-woo", Role.Job.DIRECTOR),
    ("dont-dare-to-dream", "seo-sook-hyang", Role.Job.SCREENWRITER),
]

ACCOUNTS = [
    # username, name on bylines, is_superuser, desk group
    ("admin", ("Desk", "Admin"), True, None),
    ("editor", ("Demo", "Editor"), False, "Editor"),
    ("journalist", ("Demo", "Journalist"), False, "Journalist"),
]


@transaction.atomic
def load_show_data():
    networks = {
        name: Network.objects.update_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in NETWORKS
    }
    dramas = {row["slug"]: _load_drama(row, networks) for row in DRAMAS}
    people = {}
    for slug, name, native, born, aliases in PEOPLE:
        person, _ = Person.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "native_name": native, "birth_date": born},
        )
        for alias in aliases:
            Alias.objects.get_or_create(person=person, name=alias)
        people[slug] = person
    for drama, person, character, about, tier, billing in CAST:
        Role.objects.update_or_create(
            drama=dramas[drama],
            person=people[person],
            category=Role.Category.CAST,
            job="",
            character_name=character,
            defaults={
                "character_description": about,
                "tier": tier,
                "billing_order": billing,
            },
        )
    for drama, person, job in CREW:
        Role.objects.get_or_create(
            drama=dramas[drama],
            person=people[person],
            category=Role.Category.CREW,
            job=job,
            character_name="",
        )
    return dramas, people


def _load_drama(row, networks):
    fields = {
        key: row.get(key)
        for key in (
            "title",
            "native_title",
            "premiere_on",
            "finale_on",
            "episode_count",
        )
    }
    drama, _ = Drama.objects.update_or_create(
        slug=row["slug"],
        defaults={
            **fields,
            "synopsis": row.get("synopsis", ""),
            "network": networks[row["network"]],
        },
    )
    drama.streaming_platforms.set([networks[n] for n in row.get("streaming", [])])
    drama.genres.set(
        [Genre.objects.get_or_create(name=g)[0] for g in row.get("genres", [])]
    )
    for title, kind in row.get("other_titles", []):
        AlternativeTitle.objects.update_or_create(
            drama=drama, title=title, defaults={"kind": kind}
        )
    return drama


def ensure_accounts(password):
    """Create the demo accounts that are missing; never touch existing ones."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    created = []
    for username, (first, last), is_superuser, group in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username,
            email=f"{username}@newsdesk.invalid",
            password=password,
            first_name=first,
            last_name=last,
            is_staff=True,
            is_superuser=is_superuser,
        )
        if group and (desk_group := Group.objects.filter(name=group).first()):
            user.groups.add(desk_group)
        created.append(username)
    return created


def accounts_taking(password, *, created=()):
    """The demo accounts that log in with `password`, in ACCOUNTS order; those just
    `created` with it are not hashed again."""
    users = get_user_model().objects.in_bulk(
        [username for username, *_ in ACCOUNTS], field_name="username"
    )
    return [
        username
        for username, *_ in ACCOUNTS
        if username in created
        or (username in users and users[username].check_password(password))
    ]
