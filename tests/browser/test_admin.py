"""The admin works under the site's strict Content-Security-Policy, as an editor uses it."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from roles.models import Role


def test_editor_logs_in_edits_a_role_and_views_it_on_the_site(page, site, page_errors):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-password")
    role = Role.objects.get(slug="data-analyst")

    page.goto(site.url + "/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.goto(site.url + f"/admin/roles/role/{role.pk}/change/")
    expect(page.locator("#responsibilities-group")).to_be_visible()
    expect(page.locator("#salary_bands-group")).to_be_visible()
    page.get_by_role("tab", name="Português (Brasil)").first.click()  # the language tabs
    page.fill("#id_summary_pt_br", "Resumo revisado pela equipe editorial.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.click("a.viewsitelink")
    page.wait_for_url("**/en/roles/data-analyst/")
    page.goto(site.url + "/pt-br/roles/data-analyst/")
    expect(page.locator(".role-summary")).to_have_text("Resumo revisado pela equipe editorial.")
    assert [e for e in page_errors if "Content Security Policy" in e] == []
