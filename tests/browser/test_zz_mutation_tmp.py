from tests.browser import test_interview_panel as tip


def test_panel_detects_no_htmx(page, url):
    page.route("**/htmx*.js", lambda route: route.abort())
    page.set_default_timeout(3000)
    tip.test_behavioral_tab_swaps_only_the_panel(page, url, [])
