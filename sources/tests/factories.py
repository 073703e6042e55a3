"""factory_boy factories for the sources app."""

import factory
from django.utils import timezone

from sources.models import Article, Feed, FeedEntry, Outlet, Party, Place, Side, UrlSubmission
from sources.text import content_hash


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Outlet.Kind.AGENCY
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class PartyFactory(factory.django.DjangoModelFactory):
    """A party with a correct tree path (set after save, as the party services do)."""

    class Meta:
        model = Party
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Party {n}")
    kind = Party.Kind.OTHER
    side = factory.LazyAttribute(lambda o: o.parent.side if o.parent else Side.UNKNOWN)
    parent = None

    @factory.post_generation
    def set_tree_path(obj, create, extracted, **kwargs):
        obj.tree_path = f"{obj.parent.tree_path if obj.parent else '/'}{obj.pk}/"
        if create:
            Party.objects.filter(pk=obj.pk).update(tree_path=obj.tree_path)


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
