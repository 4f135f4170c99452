"""The public pages every test of languages and accessibility walks through."""

LANGUAGES = ["sv", "en", "ar", "uk"]

PUBLIC_PAGES = [
    "",
    "about/",
    "accessibility/",
    "privacy/",
    "contact/",
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/login/code/",
    "newcomers/",
    "newcomers/partners/",
    "employers/",
    "municipalities/",
    "municipalities/associations/",
    "indicators/",
]
