from django.db import migrations, models


class Migration(migrations.Migration):
    """The index row's go-live time is the index's own column, named for what it means to search."""

    dependencies = [("search", "0006_title_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="searchentry_publish_at_idx"),
        migrations.RenameField(model_name="searchentry", old_name="publish_at", new_name="visible_from"),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["visible_from"], name="searchentry_visible_idx"),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="visible_from",
            field=models.DateTimeField(help_text="When the item goes live: readers find it from then.", null=True),
        ),
    ]
