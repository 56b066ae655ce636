from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, Role


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update(autofocus=True, autocomplete="username")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class TokenForm(forms.Form):
    token = forms.CharField(label=_("Code from your authenticator app, or a recovery code"), max_length=16)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["token"].widget.attrs.update(autofocus=True, autocomplete="one-time-code", inputmode="text")

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).strip().replace(" ", "")


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150, validators=[UnicodeUsernameValidator()])
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.filter(active=True))

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username


class UserChangeForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.filter(active=True))


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=80)


class ReauthForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    token = forms.CharField(label=_("Code from your authenticator app"), max_length=6, required=False)

    def __init__(self, *args: object, needs_code: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["password"].widget.attrs.update(autofocus=True, autocomplete="current-password")
        if needs_code:
            self.fields["token"].required = True
            self.fields["token"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")
        else:
            del self.fields["token"]
