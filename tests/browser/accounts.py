from tests.factories import PASSWORD


def log_in(page, user):
    """Sign `user` in through the login page, as whoever used the browser before leaves."""
    page.context.clear_cookies()
    page.goto("/konto/login/")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/")
