from django.contrib.auth.management import create_permissions
from django.db import migrations

SHOW_DATA = [
    "dramas.drama",
    "dramas.network",
    "dramas.genre",
    "dramas.alternativetitle",
    "people.person",
    "people.alias",
    "people.role",
    "images.image",
]
STORIES = ["articles.article", "articles.byline"]


def codenames(models, actions):
    return [
        (label.split(".")[0], f"{action}_{label.split('.')[1]}")
        for label in models
        for action in actions
    ]


GROUPS = {
    "Journalist": codenames(SHOW_DATA, ["view", "add", "change"])
    + codenames(STORIES, ["view", "add", "change", "delete"])
    + [("auth", "view_user")],
    "Editor": codenames(SHOW_DATA, ["view", "add", "change", "delete"])
    + codenames(STORIES, ["view", "add", "change", "delete"])
    + [("auth", "view_user"), ("articles", "publish_article")],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("dramas", "0001_initial"),
        ("people", "0001_initial"),
        ("images", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
