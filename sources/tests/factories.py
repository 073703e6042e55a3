"""factory_boy factories for the sources app."""

import factory
from django.utils import timezone

from sources.models import (
    Article,
    Conflict,
    ConflictSide,
    Feed,
    FeedEntry,
    Outlet,
    Party,
    PartySide,
    Place,
    UrlSubmission,
)
from sources.text import content_hash

# Tests that name no conflict run in the one the migrations load (the 2020 Karabakh war), or, after a
# transactional test flushed it, in a two-sided stand-in with the same side slugs.
DEFAULT_CONFLICT = "nagorno-karabakh-2020"
STAND_IN_SIDES = (("azerbaijan", "belligerent"), ("armenia", "belligerent"), ("third_party", "third_party"))


def default_conflict() -> Conflict:
    """The conflict factories file articles, claims and incidents under when a test names none."""
    conflict = Conflict.objects.filter(slug=DEFAULT_CONFLICT).first()
    if conflict is not None:
        return conflict
    conflict = Conflict.objects.create(slug=DEFAULT_CONFLICT, name="Test war", timezone="Asia/Baku")
    sides = {
        slug: ConflictSide.objects.create(conflict=conflict, slug=slug, label=slug, kind=kind)
        for slug, kind in STAND_IN_SIDES
    }
    sides["azerbaijan"].opposes.add(sides["armenia"])
    return conflict


def side_in(conflict: Conflict, slug: str) -> ConflictSide:
    side = ConflictSide.objects.filter(conflict=conflict, slug=slug).first()
    if side is None:
        side = ConflictSide.objects.create(conflict=conflict, slug=slug, label=slug)
    return side


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Outlet.Kind.AGENCY
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class PartyFactory(factory.django.DjangoModelFactory):
    """A party with a correct tree path (set after save, as the party services do).

    ``side="azerbaijan"`` makes it a root of that side in the default conflict; a party with a parent
    takes the parent's sides, as ``party_create`` does.
    """

    class Meta:
        model = Party
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Party {n}")
    kind = Party.Kind.OTHER
    parent = None

    @factory.post_generation
    def set_tree_path(obj, create, extracted, **kwargs):
        obj.tree_path = f"{obj.parent.tree_path if obj.parent else '/'}{obj.pk}/"
        if create:
            Party.objects.filter(pk=obj.pk).update(tree_path=obj.tree_path)

    @factory.post_generation
    def side(obj, create, extracted, **kwargs):
        if not create:
            return
        if obj.parent_id is not None:
            rows = PartySide.objects.filter(party_id=obj.parent_id).values_list("conflict_id", "side_id")
            PartySide.objects.bulk_create(
                [PartySide(conflict_id=c, party=obj, side_id=s) for c, s in rows], ignore_conflicts=True
            )
        if extracted and extracted != "unknown":
            conflict = default_conflict()
            side = side_in(conflict, extracted)
            side.roots.add(obj)
            PartySide.objects.update_or_create(conflict=conflict, party=obj, defaults={"side": side})


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    kind = Place.Kind.TOWN


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = factory.SubFactory(OutletFactory)
    conflict = factory.LazyFunction(default_conflict)
    published_at = factory.LazyFunction(timezone.now)
    body = factory.Sequence(lambda n: f"Article body number {n}. Officials said nine people were killed.")
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.body))


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    url = factory.Sequence(lambda n: f"https://outlet{n}.example/feed.rss")
    title = factory.Sequence(lambda n: f"Feed {n}")
    poll_interval = 15


class FeedEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedEntry

    feed = factory.SubFactory(FeedFactory)
    guid = factory.Sequence(lambda n: f"entry-{n}")
    link = factory.Sequence(lambda n: f"https://outlet.example/news/{n}")
    status = FeedEntry.Status.INGESTED


class UrlSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UrlSubmission

    url = factory.Sequence(lambda n: f"https://outlet.example/story/{n}")
    status = UrlSubmission.Status.FETCHED
