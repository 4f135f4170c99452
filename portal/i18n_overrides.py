"""Strings of our dependencies whose translation Landa owns.

Django merges catalogues with ours first; listing a msgid here puts it in ours, where
Landa's translation wins. Needed when a dependency's translation is wrong for us:
- django.contrib.auth's Ukrainian catalogue leaves "Email" in English and outranks
  allauth's, so the sign-in form showed it untranslated;
- allauth's Swedish sign-in page said "Already have an account? Then sign in" above a
  link to sign-up;
- allauth's Ukrainian titles and buttons are in English title case ("Забули Пароль?");
  Ukrainian writes them in sentence case;
- allauth's Arabic "Request Code" read as "the request's code";
(allauth's confirmation page, which asked to confirm "that X is an email address for
user X", is replaced by ``templates/account/email_confirm.html``.)
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Email"),
    # Django leaves out the ":" after a label ending in one of these; Arabic asks with "؟".
    gettext_noop(":?.!"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Request Code"),
    gettext_noop("Remember Me"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Forgot Password?"),
    gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Email Address"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Change Email"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Account Inactive"),
    gettext_noop("Confirm Access"),
    gettext_noop("Bad Token"),
    gettext_noop("Authenticator App"),
    gettext_noop("Recovery Codes"),
    gettext_noop("Activate Authenticator App"),
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop("Sign Out Other Sessions"),
    gettext_noop("User Sessions"),
    gettext_noop("Email Confirmation"),
    gettext_noop("Password Changed"),
    gettext_noop("Password Reset Email"),
    gettext_noop("Email Changed"),
    gettext_noop("Email Removed"),
    gettext_noop("Unknown Account"),
    gettext_noop("Account Already Exists"),
]
