"""Pages for API tokens, under the person's account: their tokens, creating one (its key is
shown once, on the page that answers the form, and never again), and revoking one after an
"Are you sure?" page. The business unit also sees everyone's tokens and may revoke any."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, posted, require

from .. import permissions, selectors, services
from ..forms import TokenForm


@never_cache
def token_list_view(request):
    user = request.user
    context = {
        "tokens": list(selectors.own_tokens(user)),
        "sees_all": permissions.can_see_all_tokens(user),
        "docs_url": reverse("api:docs"),
    }
    if context["sees_all"]:
        context["everyone"] = list(
            selectors.tokens_visible_to(user).exclude(owner=user).order_by("revoked_at", "-created_at", "pk")
        )
    return render(request, "api/token_list.html", context)


@never_cache
def token_create_view(request):
    require(permissions.can_hold_tokens(request.user))
    form = TokenForm(posted(request))
    if form.is_valid():
        try:
            created = services.token_create(name=form.cleaned_data["name"], actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            # The key is in this response only: not in a message, the session or a redirect.
            return render(
                request,
                "api/token_created.html",
                {
                    "token": created.token,
                    "key": created.key,
                    "example_url": request.build_absolute_uri(reverse("api:action-list")),
                },
            )
    return render(request, "api/token_form.html", {"form": form})


@never_cache
def token_revoke_view(request, pk: int):
    token = get_object_or_404(selectors.tokens_visible_to(request.user), pk=pk)
    require(permissions.can_revoke_token(request.user, token))
    back = reverse("api:token-list")
    if token.revoked_at is not None:
        messages.info(request, f"The token “{token.name}” was already revoked")
        return redirect(back)
    if request.method == "POST":
        try:
            services.token_revoke(token=token, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"The token “{token.name}” has been revoked: it no longer works")
        return redirect(back)
    return render(request, "api/token_revoke.html", {"token": token, "cancel_url": back})
