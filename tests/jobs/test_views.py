"""The job screens: the creator follows a job; a bureau leader or administrator sees the bureau's jobs;
anyone else gets 404, for the page and for its JSON."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import logged_in, make_user
from tests.jobs.conftest import enqueue
from zhifa.accounts.roles import Role
from zhifa.jobs.models import Job
from zhifa.jobs.services import job_claim, jobs_run_pending

pytestmark = pytest.mark.django_db
LINKS = [{"label": "下载决定书（PDF）", "url": "/documents/7/download/"}, {"label": "坏链接", "url": "javascript:alert(1)"}]


@pytest.fixture
def blue_officer(org):
    return make_user("officer_blue", [Role.OFFICER], org.blue, org.blue_team)


def test_the_creator_follows_a_running_job_on_its_page(client, org, officer_a):
    job = enqueue(officer_a, org.red, total=40)
    job_claim(worker="w1")
    Job.objects.filter(pk=job.pk).update(done=12, message="正在生成第 13 份")
    page = logged_in(client, officer_a).get(f"/jobs/{job.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "测试：回显" in html and "进行中" in html
    assert 'max="40" value="12"' in html and "12 / 40" in html and "正在生成第 13 份" in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert '<script src="/static/jobs/progress.js" defer></script>' in html
    assert f'data-status-url="/jobs/{job.pk}.json"' in html and 'data-active="1"' in html
    assert "<script>" not in html  # the CSP allows no inline script


def test_a_finished_job_shows_its_links_and_stops_refreshing(client, org, officer_a):
    job = enqueue(officer_a, org.red, steps=2, links=LINKS)
    jobs_run_pending()
    html = logged_in(client, officer_a).get(f"/jobs/{job.pk}/").content.decode()
    assert "已完成" in html and 'max="2" value="2"' in html
    assert '<a href="/documents/7/download/">下载决定书（PDF）</a>' in html
    assert "javascript:" not in html and "坏链接" not in html
    assert "http-equiv" not in html and "progress.js" not in html and 'data-active="0"' in html


def test_a_failed_job_shows_the_reason(client, org, officer_a):
    job = enqueue(officer_a, org.red, kind="test.refuse", message="没有可生成的文书：请先选择案件。")
    jobs_run_pending()
    html = logged_in(client, officer_a).get(f"/jobs/{job.pk}/").content.decode()
    assert "失败" in html and "没有可生成的文书：请先选择案件。" in html


def test_the_status_json_tells_the_page_what_to_show(client, org, officer_a):
    job = enqueue(officer_a, org.red, total=5)
    job_claim(worker="w1")
    Job.objects.filter(pk=job.pk).update(done=2, message="第 2 份")
    response = logged_in(client, officer_a).get(f"/jobs/{job.pk}.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "id": job.pk, "state": "running", "state_label": "进行中", "done": 2, "total": 5, "percent": 40,
        "message": "第 2 份", "error": "", "links": [], "active": True,
    }
    jobs_run_pending()  # nothing queued: the running job belongs to w1
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=5, result={"links": LINKS})
    status = client.get(f"/jobs/{job.pk}.json").json()
    assert (status["state"], status["percent"], status["active"]) == ("done", 100, False)
    assert status["links"] == LINKS[:1]


@pytest.mark.parametrize("who", ["officer_b", "blue_officer", "blue_admin", "auditor", "supervisor"])
def test_anyone_else_gets_404_for_the_page_and_the_json(client, org, officer_a, who, request):
    job = enqueue(officer_a, org.red)
    other = logged_in(client, request.getfixturevalue(who))
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/jobs/{job.pk}.json").status_code == 404
    assert f"/jobs/{job.pk}/" not in other.get("/jobs/").content.decode()


@pytest.mark.parametrize("who", ["bureau_leader", "admin"])
def test_a_leader_or_administrator_of_the_bureau_sees_its_jobs(client, org, officer_a, who, request):
    job = enqueue(officer_a, org.red)
    leader = logged_in(client, request.getfixturevalue(who))
    assert leader.get(f"/jobs/{job.pk}/").status_code == 200
    assert leader.get(f"/jobs/{job.pk}.json").status_code == 200
    html = leader.get("/jobs/").content.decode()
    assert f"/jobs/{job.pk}/" in html and "本局最近提交的后台任务" in html and "officer_a" in html


def test_the_list_shows_my_jobs_newest_first_and_not_my_colleagues(client, org, officer_a, officer_b):
    mine = [enqueue(officer_a, org.red) for _ in range(2)]
    theirs = enqueue(officer_b, org.red)
    html = logged_in(client, officer_a).get("/jobs/").content.decode()
    assert "我最近提交的后台任务" in html
    assert html.index(f"/jobs/{mine[1].pk}/") < html.index(f"/jobs/{mine[0].pk}/")
    assert f"/jobs/{theirs.pk}/" not in html


def test_the_list_pages_back_to_older_jobs(client, org, officer_a, monkeypatch):
    from zhifa.jobs import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    jobs = [enqueue(officer_a, org.red) for _ in range(3)]
    first = logged_in(client, officer_a).get("/jobs/").content.decode()
    assert f"?before={jobs[1].pk}" in first and f"/jobs/{jobs[0].pk}/" not in first
    older = client.get(f"/jobs/?before={jobs[1].pk}").content.decode()
    assert f"/jobs/{jobs[0].pk}/" in older and f"/jobs/{jobs[1].pk}/" not in older and "?before=" not in older


def test_someone_not_logged_in_is_sent_to_the_login(client, org, officer_a):
    job = enqueue(officer_a, org.red)
    for url in ("/jobs/", f"/jobs/{job.pk}/", f"/jobs/{job.pk}.json"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_progress_script_ships_with_the_app():
    path = finders.find("jobs/progress.js")
    assert path is not None
    with open(path, encoding="utf-8") as script:
        assert "data-status-url" in script.read()
