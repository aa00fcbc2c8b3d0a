"""A StreamField whose block definitions stay out of migrations."""

from wagtail.fields import StreamField as WagtailStreamField


class StreamField(WagtailStreamField):
    """StreamField that deconstructs without its blocks, so editing blocks needs no migration.

    Wagtail stores StreamField content as JSON and validates it against the blocks in code;
    the block tree in a migration only adds churn (torchbox.com does the same).
    """

    def deconstruct(self):
        name, path, _, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, path, [[]], kwargs
