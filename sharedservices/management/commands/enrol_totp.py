import base64

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Enrol a user for two-factor sign-in with an authenticator app (TOTP). Prints the secret and an "
        "otpauth:// link to add to the app. Replaces any device the user already has. People can also set up "
        "their own app in the admin (/admin/two-factor/), straight after their password if their account needs one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        self.stdout.write(f"Two-factor sign-in set up for {username}.")
        self.stdout.write(f"Secret to type into the authenticator app: {secret}")
        self.stdout.write(f"Or open this link on the phone: {device.config_url}")
