"""Receivers that keep the index in step with every content model, present and future.

They are connected without a sender and ask the content-kind registry about the
instance, so a kind registered later is covered as soon as it registers.
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete

from publishing.models import Topic
from publishing.registry import landing_families
from publishing.signals import content_changed
from search import indexing


def item_saved(sender, instance, raw=False, **kwargs):
    if raw or not indexing.is_indexed_kind(type(instance)):
        return
    indexing.item_index(item=instance)


def item_deleted(sender, instance, **kwargs):
    if indexing.is_indexed_kind(type(instance)):
        indexing.item_unindex(model=type(instance), pk=instance.pk)


def relations_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Topics (filtered on) and other relations whose words are indexed, e.g. a template's files."""
    if not reverse:
        # item.topics.add / remove / set / clear
        if action in ("post_add", "post_remove", "post_clear") and indexing.is_indexed_kind(type(instance)):
            indexing.item_index(item=instance)
        return
    # topic.<app>_<model>_items.add(...): the other side of the relation.
    if not indexing.is_indexed_kind(model) or indexing.is_indexed_kind(type(instance)):
        return
    if action == "pre_clear":
        field = next(f for f in model._meta.many_to_many if f.remote_field.through is sender)
        instance._search_pending = list(
            model._base_manager.filter(**{field.name: instance}).values_list("pk", flat=True)
        )
    elif action == "post_clear":
        _reindex(model, getattr(instance, "_search_pending", []))
    elif action in ("post_add", "post_remove"):
        _reindex(model, pk_set or [])


def _reindex(model, pks):
    for pk in pks:
        indexing.item_reindex_by_pk(model=model, pk=pk)


def topic_deleting(sender, instance, **kwargs):
    # The relation rows go with the topic, without m2m signals: note the items now, refresh them once it is gone.
    instance._search_pending = [
        (model, list(model._base_manager.filter(topics=instance).values_list("pk", flat=True)))
        for model in indexing.indexed_models()
    ]


def topic_deleted(sender, instance, **kwargs):
    for model, pks in getattr(instance, "_search_pending", []):
        _reindex(model, pks)


def topic_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    # A changed slug must reach the entries that carry it.
    for model in indexing.indexed_models():
        _reindex(model, model._base_manager.filter(topics=instance).values_list("pk", flat=True))


def landing_source_changed(sender, instance, raw=False, **kwargs):
    """A topic (or another model a family of landing pages comes from) was saved or deleted."""
    if raw:
        return
    for family in landing_families(sender):
        indexing.landing_family_index(family)


def content_changed_receiver(sender, instance, action, **kwargs):
    """Published (including a scheduled item coming due), withdrawn or deleted: re-read and re-index."""
    indexing.item_reindex_by_pk(model=type(instance), pk=instance.pk)


def engine_objects_check(sender, using, **kwargs):
    if sender.name != "search":
        return
    from search.backends import backend_for

    backend_for(using).ensure_engine_objects()


def connect_receivers():
    post_save.connect(item_saved, dispatch_uid="search.item_saved")
    post_delete.connect(item_deleted, dispatch_uid="search.item_deleted")
    m2m_changed.connect(relations_changed, dispatch_uid="search.relations_changed")
    pre_delete.connect(topic_deleting, sender=Topic, dispatch_uid="search.topic_deleting")
    post_delete.connect(topic_deleted, sender=Topic, dispatch_uid="search.topic_deleted")
    post_save.connect(topic_saved, sender=Topic, dispatch_uid="search.topic_saved")
    content_changed.connect(content_changed_receiver, dispatch_uid="search.content_changed")
    post_save.connect(landing_source_changed, dispatch_uid="search.landing_source_saved")
    post_delete.connect(landing_source_changed, dispatch_uid="search.landing_source_deleted")
    post_migrate.connect(engine_objects_check, dispatch_uid="search.engine_objects_check")
