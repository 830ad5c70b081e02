# The FAQ's questions per category, kept by PostgreSQL as questions change (publishing.group_sizes).

from django.db import migrations

from publishing.group_sizes import kept_sizes


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0010_question_search_keywords"),
        ("publishing", "0007_group_sizes"),
    ]

    operations = [
        migrations.RunPython(*kept_sizes("faq_question", "category_id")),
    ]
