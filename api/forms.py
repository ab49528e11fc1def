"""The form to create an API token."""

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name the token",
        max_length=100,
        help_text="What it is for, so you can tell your tokens apart, for example “Power BI actions report”",
        error_messages={
            "required": "Enter a name for the token",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
