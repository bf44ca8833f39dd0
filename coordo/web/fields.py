"""Form fields more than one app's forms declare alike."""

from __future__ import annotations

from typing import Any

from django import forms

from coordo.access.languages import language_choices


class LanguagesField(forms.MultipleChoiceField):
    """Languages from the shared vocabulary, named in the reader's language; none required."""

    def __init__(self, *, label: Any, size: int = 6, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            choices=language_choices,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": size}),
            **kwargs,
        )
