from django.dispatch import Signal

# Sent after anything readers can see has changed: an item was published (or a
# scheduled item came due), changed while live, withdrawn or deleted.
# Arguments: instance, action ("published", "withdrawn", "deleted").
content_changed = Signal()
