from django.urls import path
from django.views.generic import TemplateView

from . import assessments, calculator, quickcheck, views
from .hires import views as hires
from .jobs import views as jobs

app_name = "employers"

urlpatterns = [
    path("", TemplateView.as_view(template_name="employers/area.html"), name="area"),
    path("readiness/", quickcheck.quick_check, name="quick_check"),
    path("cost-of-not-hiring/", calculator.cost_calculator, name="calculator"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/<uuid:uuid>/", jobs.job_detail, name="job"),
    path("mine/", views.mine, name="mine"),
    path("o/<uuid:uuid>/", views.organization_page, name="organization"),
    path("o/<uuid:uuid>/invite/", views.invite, name="invite"),
    path(
        "o/<uuid:uuid>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "o/<uuid:uuid>/members/<int:membership_id>/remove/",
        views.member_leave,
        name="member_remove",
    ),
    path("o/<uuid:uuid>/readiness/", assessments.readiness_home, name="readiness"),
    path("o/<uuid:uuid>/readiness/new/", assessments.readiness_new, name="readiness_new"),
    path(
        "o/<uuid:uuid>/readiness/<uuid:check>/",
        assessments.readiness_answer,
        name="readiness_answer",
    ),
    path(
        "o/<uuid:uuid>/readiness/<uuid:check>/result/",
        assessments.readiness_result,
        name="readiness_result",
    ),
    path(
        "o/<uuid:uuid>/readiness/<uuid:check>/plan.pdf",
        assessments.readiness_pdf,
        name="readiness_pdf",
    ),
    path("o/<uuid:uuid>/jobs/", jobs.organization_jobs, name="organization_jobs"),
    path("o/<uuid:uuid>/jobs/new/", jobs.job_new, name="job_new"),
    path("o/<uuid:uuid>/jobs/<uuid:job>/", jobs.job_edit, name="job_edit"),
    path("o/<uuid:uuid>/hires/", hires.hires, name="hires"),
    path("o/<uuid:uuid>/hires/<int:hire_id>/", hires.hire_detail, name="hire"),
    path("o/<uuid:uuid>/hires/<int:hire_id>/facts/", hires.hire_facts, name="hire_facts"),
    path(
        "o/<uuid:uuid>/hires/<int:hire_id>/partner/",
        hires.hire_partner_support,
        name="hire_partner_support",
    ),
    path(
        "o/<uuid:uuid>/hires/<int:hire_id>/plan/<slug:key>/",
        hires.plan_step,
        name="hire_plan_step",
    ),
    path("hired/<str:token>/", hires.hire_accept_page, name="hire_accept"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
