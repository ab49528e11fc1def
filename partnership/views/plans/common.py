"""Steps the plan and action pages share."""


def posted(request):
    """The submitted data on a POST, None on a GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None
