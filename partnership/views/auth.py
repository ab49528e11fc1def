"""Signing in and out, password reset and invitations.

These are Django's own auth views with our forms and templates. Every page here is open to
signed-out visitors (`login_not_required`; Django's views carry it already, except sign-out).
Wrong passwords are counted per account by django-axes, whose backend sees the request
because LoginView passes it to `authenticate`.

Someone with two-factor sign-in on is not signed in by the right password alone: the sign-in
waits for their code (two_factor/pending.py) on the code page (views/two_factor.py).
"""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ..forms.auth import NewPasswordForm, PasswordResetRequestForm, SignInForm, reset_link_lifetime
from ..services.organisation import InvitationProblem, invitation_accept, invitation_for_token
from ..two_factor.pending import pending_start
from ..two_factor.services import two_factor_enabled
from .toolkit import posted

# What each unusable invitation link answers: unknown links are not found (404); links
# that existed but can no longer be used are gone (410).
INVITATION_PROBLEM_STATUS = {"unknown": 404, "used": 410, "expired": 410, "replaced": 410, "inactive": 410}


class ResetContextMixin:
    """What the reset pages tell people: how long a link lasts and whom to ask for help."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reset_valid_for"] = reset_link_lifetime()
        context["business_unit_email"] = settings.BUSINESS_UNIT_EMAIL
        return context


class SignInView(auth_views.LoginView):
    """Email address and password. Someone already signed in is sent on (home, or a safe `next`)."""

    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_redirect_url(self):
        # `next` pointing back at this page would loop (Django raises rather than loop).
        url = super().get_redirect_url()
        return "" if url.split("?")[0] == self.request.path else url

    def form_valid(self, form):
        """The right password signs in, unless the person has two-factor sign-in on: then the
        code page finishes the sign-in."""
        user = form.get_user()
        if two_factor_enabled(user):
            pending_start(self.request, user, next_url=self.get_success_url())
            return redirect("partnership:two-factor-verify")
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    """POST only (a link cannot sign anyone out); then the sign-in page says so."""

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, "You have signed out")
        return response


class PasswordResetView(ResetContextMixin, auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("partnership:password-reset-done")


class PasswordResetDoneView(ResetContextMixin, auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(ResetContextMixin, auth_views.PasswordResetConfirmView):
    """Set a new password from an emailed link. Django moves the token into the session first,
    so the address bar (and any Referer) never carries it while the form is shown."""

    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("partnership:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The locked-out page tells people to reset their password: doing so lifts the lock.
        axes_reset(username=self.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


def _invitation_problem(request, problem: InvitationProblem):
    return render(
        request,
        "partnership/invitation_problem.html",
        {
            "reason": problem.reason,
            # The service's sentence becomes the page's heading, which has no full stop.
            "message": problem.message.rstrip("."),
            "invitation_days": settings.INVITATION_DAYS,
            "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
        },
        status=INVITATION_PROBLEM_STATUS.get(problem.reason, 410),
    )


@login_not_required
@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
def invitation_accept_view(request, token):
    """An invited person sets their password, once, then is signed in and sent home."""
    try:
        invitation = invitation_for_token(token)
    except InvitationProblem as problem:
        return _invitation_problem(request, problem)
    person = invitation.user
    form = NewPasswordForm(person, posted(request))
    if form.is_bound and form.is_valid():
        try:
            person = invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except InvitationProblem as problem:
            return _invitation_problem(request, problem)
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set and you are signed in")
        return redirect("partnership:home")
    return render(request, "partnership/invitation_accept.html", {"form": form, "invitation": invitation})
