"""The person's own account: who they are, their password and their two-factor sign-in.

Every change here needs the current password. Changing the password keeps this session
signed in (Django's `update_session_auth_hash`) and ends every other session of the person at
once, so a password changed because it leaked also signs the other party out.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import extensions, permissions
from ..middleware_sessions import sessions_end
from ..two_factor import services as two_factor
from ..two_factor.forms import AccountPasswordChangeForm
from ..two_factor.policy import two_factor_reasons


@require_GET
@never_cache
def account_view(request):
    """Your account: name, email, agency, roles, password, two-factor authentication."""
    user = request.user
    reasons = two_factor_reasons(user)
    roles = user.role_assignments.select_related("subgroup", "agency")
    context = {
        "person": user,
        "roles": roles,
        "two_factor_on": two_factor.two_factor_enabled(user),
        "two_factor_required": bool(reasons),
        "two_factor_reasons": reasons,
        "recovery_codes_left": two_factor.recovery_codes_left(user),
        "sees_everything": permissions.sees_everything(user),
    }
    # The apps' parts of the page (the API's tokens, say): `extensions.ACCOUNT_BLOCKS`.
    context["account_blocks"] = extensions.collect_blocks(
        extensions.ACCOUNT_BLOCKS, user, timezone.localdate(), context
    )
    return render(request, "partnership/account.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change your password: the current one first. Other sessions end; this one goes on."""

    form_class = AccountPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("partnership:account")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        ended = sessions_end(user=form.user, keep_session_key=self.request.session.session_key)
        message = "Your password has been changed"
        if ended:
            message += f". You have been signed out on {ended} other device{'s' if ended != 1 else ''}"
        messages.success(self.request, message)
        return response

    def form_invalid(self, form):
        # A wrong current password counts toward the lockout; once locked, this session ends too.
        if getattr(self.request, "axes_locked_out", False):
            logout(self.request)
        return super().form_invalid(form)
