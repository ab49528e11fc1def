"""URLs of the booking area of training: the public booking pages, the one emailed-link URL
(`t/<token>/`, dispatched by the link's purpose) and the business unit's cancel of a place."""

from django.urls import path

from . import links, public, staff

urlpatterns = [
    path("book/", public.session_list_view, name="book"),
    path("book/<int:pk>/", public.session_book_view, name="book-session"),
    path("book/<int:pk>/booked/<str:ref>/", public.booking_done_view, name="book-done"),
    path("t/<str:token>/", links.link_view, name="link"),
    path("attendees/<int:pk>/cancel/", staff.attendee_cancel_view, name="attendee-cancel"),
]
