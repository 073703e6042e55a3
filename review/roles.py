"""Roles: the Reviewer group reviews (view, add, change) but never deletes, and has nothing on users,
groups or partners. Admins (superusers) can do everything."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

REVIEWER_GROUP = "Reviewer"

# (app_label, model_name) a reviewer works on.
REVIEWED_MODELS = (
    ("claims", "claim"),
    ("claims", "contradiction"),
    ("claims", "verdict"),
    ("claims", "incident"),
    ("claims", "note"),
    ("sources", "party"),
    ("sources", "partyalias"),
    ("sources", "place"),
    ("sources", "placealias"),
    ("sources", "article"),
    ("sources", "outlet"),
    ("sources", "feed"),
    ("sources", "feedentry"),
    ("sources", "urlsubmission"),
    ("credibility", "credibilityrun"),
)
REVIEWER_ACTIONS = ("view", "add", "change")

# (app_label, model_name) a reviewer reads but does not change: the reports the README sends them to.
READ_MODELS = (
    ("reports", "report"),
    ("reports", "subscription"),
    ("reports", "reportdelivery"),
)


def ensure_reviewer_group(apps=None):
    """Create or refresh the Reviewer group with exactly its permissions; idempotent.

    Takes the app registry so the data migration can pass its historical models; it creates missing
    permissions first because on a fresh database they only appear after all migrations have run.
    """
    if apps is None:
        apps = global_apps

    for app_label in {app for app, _ in (*REVIEWED_MODELS, *READ_MODELS)}:
        app_config = apps.get_app_config(app_label)
        if getattr(app_config, "models_module", None) is None:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    permissions = []
    grants = [(model, REVIEWER_ACTIONS) for model in REVIEWED_MODELS] + [
        (model, ("view",)) for model in READ_MODELS
    ]
    for (app_label, model), actions in grants:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permissions.append(
                Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
            )
    group.permissions.set(permissions)
    return group
