"""The Django admin: for superusers only, as a back door for support, not for daily work."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from . import permissions
from .models import Agency, Area, Invitation, Priority, RoleAssignment, Subgroup, Theme, User


def superusers_only(request) -> bool:
    return permissions.can_use_admin(request.user)


@login_not_required
def sign_in_through_the_service(request, extra_context=None):
    """The admin has no sign-in page of its own: everyone signs in (and is throttled) in one place."""
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))


admin.site.has_permission = superusers_only
admin.site.login = sign_in_through_the_service


@admin.register(Area, Subgroup, Theme)
class NamedRecordAdmin(SimpleHistoryAdmin):
    list_display = ("name", "active")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "short_name", "sector", "partner_status", "area", "active")
    list_filter = ("sector", "partner_status", "area", "active")
    search_fields = ("name", "short_name")


@admin.register(Priority)
class PriorityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "active")
    list_filter = ("year", "active")


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ("full_name",)
    list_display = ("email", "full_name", "agency", "is_active", "is_superuser")
    list_filter = ("is_active", "is_superuser", "agency")
    search_fields = ("email", "full_name")
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Details", {"fields": ("full_name", "job_title", "agency")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("user", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at")
    readonly_fields = ("token_hash",)
