"""URL submissions fetched by a task, and the beat entry that re-sends those still queued."""

import django.db.models.deletion
from django.db import migrations, models

from factcheck.beat import beat_entries_remove, beat_entry_install

REQUEUE = "sources: re-send queued URL submissions"


def create_schedule(apps, schema_editor):
    beat_entry_install(
        apps,
        name=REQUEUE,
        task="sources.tasks.requeue_url_submissions",
        every_minutes=5,
        queue="extraction",
        description="Sends the fetch again for URL submissions still queued after five minutes.",
    )


def remove_schedule(apps, schema_editor):
    beat_entries_remove(apps, REQUEUE)


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_staff_token'),
        ('sources', '0004_feed_beat_schedule'),
        ('django_celery_beat', '0019_alter_periodictasks_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='UrlSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=1000)),
                ('title', models.CharField(blank=True, max_length=500)),
                ('outlet_name', models.CharField(blank=True, max_length=200)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('language', models.CharField(blank=True, max_length=10)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('fetched', 'Fetched'), ('failed', 'Failed')], default='queued', max_length=20)),
                ('error', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('article', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='url_submissions', to='sources.article')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='url_submissions', to='partners.partner')),
            ],
            options={
                'ordering': ['-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('status', 'failed'), _negated=True), models.Q(('error', ''), _negated=True), _connector='OR'), name='url_submission_failure_has_error')],
            },
        ),
        migrations.RunPython(create_schedule, remove_schedule),
    ]
