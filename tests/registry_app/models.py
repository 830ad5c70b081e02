from publishing.models import PublishedContent


class FieldNote(PublishedContent):
    """A throwaway kind: tests register it with one call and take it away again."""

    class Meta(PublishedContent.Meta):
        pass

    def get_absolute_url(self):
        return f"/notes/{self.slug}/"
