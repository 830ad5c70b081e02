# The toolkit's templates and worked examples per stage, kept by PostgreSQL as they change (publishing.group_sizes).

from django.db import migrations

from publishing.group_sizes import kept_sizes


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0010_search_keywords"),
        ("publishing", "0007_group_sizes"),
    ]

    operations = [
        migrations.RunPython(*kept_sizes("toolkit_template", "stage_id")),
        migrations.RunPython(*kept_sizes("toolkit_example", "stage_id")),
    ]
