from django.contrib import admin

from .models import RecruitmentDrive


@admin.register(RecruitmentDrive)
class RecruitmentDriveAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_on", "ends_on", "posts_offered", "people_hired")
    filter_horizontal = ("firms",)
