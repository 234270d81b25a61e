"""The firm's administration of its accounts (gaoxin.portal): a firm-admin flag, three rights
and an active flag on EnterpriseUser. Existing firm users become their firm's administrators
with every right, so nothing they could do before is taken away."""

from django.db import migrations, models


def existing_users_are_admins(apps, schema_editor):
    EnterpriseUser = apps.get_model("enterprises", "EnterpriseUser")
    EnterpriseUser.objects.update(
        is_firm_admin=True, may_file=True, may_request=True, may_post_jobs=True, is_active=True
    )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0004_ip_equity_cultivation_facts")]

    operations = [
        migrations.AddField(
            model_name="enterpriseuser",
            name="is_firm_admin",
            field=models.BooleanField(default=False, verbose_name="firm administrator"),
        ),
        migrations.AddField(
            model_name="enterpriseuser",
            name="may_file",
            field=models.BooleanField(default=True, verbose_name="may file monthly data"),
        ),
        migrations.AddField(
            model_name="enterpriseuser",
            name="may_request",
            field=models.BooleanField(default=True, verbose_name="may raise requests"),
        ),
        migrations.AddField(
            model_name="enterpriseuser",
            name="may_post_jobs",
            field=models.BooleanField(default=True, verbose_name="may post jobs"),
        ),
        migrations.AddField(
            model_name="enterpriseuser",
            name="is_active",
            field=models.BooleanField(default=True, verbose_name="active"),
        ),
        migrations.AddField(
            model_name="enterpriseuser",
            name="removed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="removed at"),
        ),
        migrations.RunPython(existing_users_are_admins, migrations.RunPython.noop),
    ]
