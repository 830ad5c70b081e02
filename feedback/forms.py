"""The two feedback forms: the answer to "Is this page useful?" and what went wrong.

Both carry a honeypot field, "website": people never see it, and form-filling scripts fill it in.
"""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from feedback.pages import is_feedback_page

MAX_ANSWER_CHARACTERS = 1200
HONEYPOT = "website"


def answer_field(label, hint, required=True):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=MAX_ANSWER_CHARACTERS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what went wrong",
            "max_length": f"{label.rstrip('?')} must be {MAX_ANSWER_CHARACTERS:,} characters or fewer",
        },
    )


class FeedbackForm(forms.Form):
    page = forms.CharField(max_length=300, widget=forms.HiddenInput)
    website = forms.CharField(required=False, max_length=300)

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not is_feedback_page(page):
            raise forms.ValidationError("This is not a page of this website")
        return page

    def is_scripted(self):
        """The honeypot was filled in: a script, not a person, sent this form."""
        return bool(self.data.get(HONEYPOT, "").strip())


class AnswerForm(FeedbackForm):
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])


class DetailsForm(FeedbackForm):
    ref = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    doing = answer_field("What were you trying to do?", "For example, find out how long a transition takes.", False)
    went_wrong = answer_field("What went wrong?", "For example, a link did not work or the answer was unclear.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # The form is the same for every reader and needs no session: no CSRF token (see feedback.views).
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "page",
            "ref",
            Field.textarea("doing", label_size=Size.SMALL, max_characters=MAX_ANSWER_CHARACTERS),
            Field.textarea("went_wrong", label_size=Size.SMALL, max_characters=MAX_ANSWER_CHARACTERS),
            Submit("send", "Send"),
        )
